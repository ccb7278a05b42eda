@testable import tlskit

/// An HTML page with known mixed content of every kind the classifier tells apart, and the
/// findings it must produce, in document order. Shared by the classifier's unit tests and the
/// end-to-end test against `tlskit server`.
enum MixedContentFixture {
    static let page = """
        <!DOCTYPE html>
        <html><head>
        <title>A page <img src="http://title.example/not-a-tag.png"></title>
        <link rel="stylesheet" href="http://cdn.example/style.css">
        <LINK REL="Shortcut Icon" HREF="http://cdn.example/favicon.ico">
        <link rel="canonical" href="http://example.com/page">
        <link rel="stylesheet" href="https://cdn.example/secure.css">
        <script src="http://cdn.example/app.js"></script>
        <script>
          var ns = "http://www.w3.org/2000/svg";
          fetch("http://api.example/data");
          document.write('<img src="http://in-script.example/x.png">');
        </script>
        <style>
          /* url(http://commented-css.example/x.png) */
          @import "http://cdn.example/imported.css";
          @font-face { font-family: X; src: url("http://fonts.example/x.woff2") format("woff2"); }
          body { background: URL( http://img.example/bg.png ); }
        </style>
        </head><body>
        <!-- <img src="http://commented.example/x.png"> -->
        <IMG SRC="http://img.example/photo.jpg" srcset="http://img.example/a.jpg 1x, https://img.example/b.jpg 2x, http://img.example/c.jpg 3x">
        <img src="http://192.0.2.1/ip.png">
        <img src='http://[2001:db8::1]/v6.png'>
        <img src=https://secure.example/ok.png alt=x>
        <img src=http://unquoted.example/u.png>
        <audio src="http://media.example/a.mp3"></audio>
        <video src="http://media.example/v.mp4" poster="http://media.example/poster.jpg"><source src="http://media.example/v.webm"></video>
        <picture><source srcset="http://img.example/p.webp"><img src="https://img.example/p.jpg"></picture>
        <iframe src="http://frame.example/"><img src="http://iframe-fallback.example/x.png"></iframe>
        <object data="http://plugin.example/o.swf"></object>
        <embed src="http://plugin.example/e.swf">
        <form action="http://forms.example/submit"><input type="submit"></form>
        <div style="background-image: url('http://img.example/div.png')"></div>
        <a href="http://example.org/">a link</a>
        <a href="https://example.org/">a secure link</a>
        </body></html>
        """

    typealias Expected = (element: String, attribute: String?, context: String?, url: String, kind: MixedContentClassification, ip: Bool)

    static let findings: [Expected] = [
        ("link", "href", nil, "http://cdn.example/style.css", .blockable, false),
        ("link", "href", nil, "http://cdn.example/favicon.ico", .blockable, false),
        ("script", "src", nil, "http://cdn.example/app.js", .blockable, false),
        ("script", nil, "fetch()", "http://api.example/data", .blockable, false),
        ("style", nil, "@import", "http://cdn.example/imported.css", .blockable, false),
        ("style", nil, "@font-face", "http://fonts.example/x.woff2", .blockable, false),
        ("style", nil, "url()", "http://img.example/bg.png", .blockable, false),
        ("img", "src", nil, "http://img.example/photo.jpg", .upgradable, false),
        ("img", "srcset", nil, "http://img.example/a.jpg", .blockable, false),
        ("img", "srcset", nil, "http://img.example/c.jpg", .blockable, false),
        ("img", "src", nil, "http://192.0.2.1/ip.png", .blockable, true),
        ("img", "src", nil, "http://[2001:db8::1]/v6.png", .blockable, true),
        ("img", "src", nil, "http://unquoted.example/u.png", .upgradable, false),
        ("audio", "src", nil, "http://media.example/a.mp3", .upgradable, false),
        ("video", "src", nil, "http://media.example/v.mp4", .upgradable, false),
        ("video", "poster", nil, "http://media.example/poster.jpg", .upgradable, false),
        ("source", "src", nil, "http://media.example/v.webm", .upgradable, false),
        ("source", "srcset", nil, "http://img.example/p.webp", .blockable, false),
        ("iframe", "src", nil, "http://frame.example/", .blockable, false),
        ("object", "data", nil, "http://plugin.example/o.swf", .blockable, false),
        ("embed", "src", nil, "http://plugin.example/e.swf", .blockable, false),
        ("form", "action", nil, "http://forms.example/submit", .blockable, false),
        ("div", "style", "url()", "http://img.example/div.png", .blockable, false),
    ]

    static let links: [InsecureLink] = [
        InsecureLink(element: "link", attribute: "href", url: "http://example.com/page"),
        InsecureLink(element: "a", attribute: "href", url: "http://example.org/"),
    ]

    /// `findings` as the classifier's type, for comparing whole arrays.
    static var expectedFindings: [MixedContentFinding] {
        self.findings.map {
            MixedContentFinding(element: $0.element, attribute: $0.attribute, context: $0.context, url: $0.url, classification: $0.kind, ipAddressHost: $0.ip)
        }
    }
}
