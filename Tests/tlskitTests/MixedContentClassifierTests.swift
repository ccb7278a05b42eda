import Foundation
import Testing

@testable import tlskit

/// The mixed-content classifier (W3C Mixed Content): every element kind, IP hosts, srcset,
/// CSS url()/@font-face/@import, comments, case, and bounded work on hostile input.
@Suite struct MixedContentClassifierTests {
    static func analyze(_ html: String) -> MixedContentAnalysis {
        MixedContentClassifier.analyze(Array(html.utf8))
    }

    /// `(location, url, classification)` of each finding, for short expectations.
    static func summary(_ html: String) -> [String] {
        self.analyze(html).findings.map { "\($0.location) \($0.url) \($0.classification.rawValue)" }
    }

    @Test func fixturePageGivesEveryKnownFindingInOrder() throws {
        let expected = try MixedContentFixture.expected()
        #expect(expected.findings.count == 23 && expected.insecureLinks.count == 2)
        let analysis = Self.analyze(try MixedContentFixture.page())
        #expect(analysis.findings == expected.findings)
        #expect(analysis.insecureLinks == expected.insecureLinks)
        #expect(analysis.omittedFindings == 0)
        #expect(!analysis.scanIncomplete)
    }

    @Test func upgradableKinds() {
        #expect(Self.summary(#"<img src="http://a.example/i.png">"#) == ["<img src> http://a.example/i.png upgradable"])
        #expect(Self.summary(#"<audio src="http://a.example/a.mp3">"#) == ["<audio src> http://a.example/a.mp3 upgradable"])
        #expect(Self.summary(#"<video src="http://a.example/v.mp4">"#) == ["<video src> http://a.example/v.mp4 upgradable"])
        #expect(Self.summary(#"<audio><source src="http://a.example/a.ogg"></audio>"#) == ["<source src> http://a.example/a.ogg upgradable"])
        #expect(
            Self.summary(#"<video><div><source src="http://a.example/v.webm"></div></video>"#)
                == ["<source src> http://a.example/v.webm upgradable"])
    }

    @Test func blockableKinds() {
        let cases: [(String, String)] = [
            (#"<script src="http://a.example/s.js"></script>"#, "<script src> http://a.example/s.js blockable"),
            (#"<link rel=stylesheet href="http://a.example/s.css">"#, "<link href> http://a.example/s.css blockable"),
            (#"<link rel="icon" href="http://a.example/f.ico">"#, "<link href> http://a.example/f.ico blockable"),
            (#"<link rel="preload" as="font" href="http://a.example/f.woff2">"#, "<link href> http://a.example/f.woff2 blockable"),
            (#"<link rel="modulepreload" href="http://a.example/m.js">"#, "<link href> http://a.example/m.js blockable"),
            (#"<iframe src="http://a.example/"></iframe>"#, "<iframe src> http://a.example/ blockable"),
            (#"<object data="http://a.example/o"></object>"#, "<object data> http://a.example/o blockable"),
            (#"<embed src="http://a.example/e">"#, "<embed src> http://a.example/e blockable"),
            (#"<form action="http://a.example/f"></form>"#, "<form action> http://a.example/f blockable"),
            (#"<button formaction="http://a.example/b">"#, "<button formaction> http://a.example/b blockable"),
            (#"<track src="http://a.example/t.vtt">"#, "<track src> http://a.example/t.vtt blockable"),
            (#"<picture><source srcset="http://a.example/p.webp"></picture>"#, "<source srcset> http://a.example/p.webp blockable"),
            (#"<source src="http://a.example/x">"#, "<source src> http://a.example/x blockable"),
            (#"<script>fetch( 'http://a.example/api' )</script>"#, "<script> fetch() http://a.example/api blockable"),
            (#"<script>new WebSocket("ws://a.example/socket")</script>"#, "<script> WebSocket() ws://a.example/socket blockable"),
        ]
        for (html, expected) in cases {
            #expect(Self.summary(html) == [expected], "\(html)")
        }
    }

    @Test func srcsetWithSeveralCandidatesAndDescriptors() {
        let html = #"<img srcset="http://a.example/1.jpg 480w, https://a.example/2.jpg 800w,http://a.example/3.jpg,, http://a.example/4,5.jpg 2x">"#
        #expect(
            Self.analyze(html).findings.map(\.url) == ["http://a.example/1.jpg", "http://a.example/3.jpg", "http://a.example/4,5.jpg"])
        #expect(Self.analyze(html).findings.allSatisfy { $0.classification == .blockable && $0.attribute == "srcset" })
        #expect(SrcsetParser.urls("a.png 1x, b.png (x, y) 2x , c.png") == ["a.png", "b.png", "c.png"])
        #expect(SrcsetParser.urls("  ") == [])
    }

    @Test func ipAddressHostsAreBlockedNotUpgraded() {
        for url in [
            "http://192.0.2.1/x.png", "http://[2001:db8::1]:8080/x.png", "http://127.1/x.png", "http://0x7f000001/x.png",
            "http://user@10.0.0.1:80/x.png", "http://10.0.0.1./x.png",
        ] {
            let findings = Self.analyze("<img src=\"\(url)\">").findings
            #expect(findings.count == 1, "\(url)")
            #expect(findings.first?.classification == .blockable, "\(url)")
            #expect(findings.first?.ipAddressHost == true, "\(url)")
        }
        for url in ["http://1.example/x.png", "http://example.123abc/x.png", "http://user:1.2.3.4@host.example/x"] {
            #expect(Self.analyze("<img src=\"\(url)\">").findings.first?.classification == .upgradable, "\(url)")
        }
        #expect(Self.analyze(#"<video src="http://192.0.2.9/v.mp4">"#).findings.first?.classification == .blockable)
    }

    @Test func cssURLsFontsAndImports() {
        let css = """
            <style>
            /* @import "http://comment.example/x.css"; url(http://comment.example/y.png) */
            @IMPORT url("http://a.example/i.css") screen;
            @import 'http://a.example/j.css';
            @font-face { font-family: F; src: url(http://fonts.example/f.woff2) format("woff2"), url('https://fonts.example/f.woff'); }
            .x { background: url( "http://a.example/bg.png" ) no-repeat; content: "url(http://in-a-string.example/)"; }
            .y { cursor: url(http://a.example/c.cur), auto; }
            .z { background-image: myurl(http://not-a-url-token.example/); }
            </style>
            """
        #expect(
            Self.summary(css) == [
                "<style> @import http://a.example/i.css blockable",
                "<style> @import http://a.example/j.css blockable",
                "<style> @font-face http://fonts.example/f.woff2 blockable",
                "<style> url() http://a.example/bg.png blockable",
                "<style> url() http://a.example/c.cur blockable",
            ])
        #expect(
            Self.summary(#"<p style="background:url(http://a.example/p.png)">"#) == ["<p style> url() http://a.example/p.png blockable"])
        #expect(
            Self.summary(#"<span style='background: url(&quot;http://a.example/s.png&quot;)'>"#)
                == ["<span style> url() http://a.example/s.png blockable"])
    }

    @Test func commentsScriptsAndTextElementsAreNotTags() {
        let html = """
            <!-- <img src="http://c1.example/x"> --><!--> <img src="http://after-short-comment.example/x">
            <script>var s = '<img src="http://in-script.example/x">';</script>
            <textarea><img src="http://in-textarea.example/x"></textarea>
            <title><script src="http://in-title.example/x"></script></title>
            <noscript><img src="http://in-noscript.example/x"></noscript>
            <!DOCTYPE html><?xml version="1.0"?>
            <img src="http://real.example/x">
            """
        #expect(Self.analyze(html).findings.map(\.url) == ["http://after-short-comment.example/x", "http://real.example/x"])
    }

    @Test func namesAreCaseInsensitiveAndValuesDecoded() {
        #expect(Self.summary(#"<ScRiPt SrC="HTTP://A.example/s.js"></sCrIpT>"#) == ["<script src> HTTP://A.example/s.js blockable"])
        #expect(Self.summary(#"<img src="http&colon;//a.example/x.png">"#) == ["<img src> http://a.example/x.png upgradable"])
        #expect(Self.summary(#"<img src="&#104;ttp://a.example/y.png">"#) == ["<img src> http://a.example/y.png upgradable"])
        #expect(Self.summary("<img src=\"  http://a.example/z.png \">") == ["<img src> http://a.example/z.png upgradable"])
        #expect(Self.summary("<img src=\"ht\ntp://a.example/n.png\">") == ["<img src> ht\ntp://a.example/n.png upgradable"])
        // The first of duplicate attributes counts (HTML Living Standard, 13.2.5.33).
        #expect(Self.summary(#"<img src="https://a.example/ok.png" src="http://a.example/dup.png">"#) == [])
        #expect(Self.summary(#"<img/src="http://a.example/slash.png">"#) == ["<img src> http://a.example/slash.png upgradable"])
    }

    @Test func secureRelativeAndOtherSchemesAreNotMixedContent() {
        let html = """
            <img src="https://a.example/x.png"><img src="//a.example/protocol-relative.png"><img src="/relative.png">
            <img src="data:image/png;base64,AAAA"><script src="httpx://a.example/s.js"></script><img src="http:">
            <link rel="dns-prefetch" href="http://a.example/"><link rel="preconnect" href="http://b.example/">
            <a href="http://nav.example/">x</a><area href="http://area.example/">
            """
        let analysis = Self.analyze(html)
        #expect(analysis.findings.map(\.url) == ["http:"])
        #expect(analysis.insecureLinks.map(\.url) == ["http://a.example/", "http://b.example/", "http://nav.example/", "http://area.example/"])
    }

    @Test func unterminatedMarkupDoesNotCrashOrLoop() {
        for html in ["<img src=\"http://a.example/x", "<img src=", "<!--", "<", "</", "<script>", "<style>url(http://x.example/",
                     "<img src=http://a.example/x.png", "<a", "<!", "<?"]
        {
            _ = Self.analyze(html)
        }
        #expect(Self.analyze(#"<img src="http://a.example/x.png"><img src="http://b.example"#).findings.map(\.url) == ["http://a.example/x.png"])
        // <style> without its end tag: the rest is CSS.
        #expect(Self.summary("<style>a{background:url(http://x.example/a.png)}") == ["<style> url() http://x.example/a.png blockable"])
    }

    @Test func workIsBoundedOnHostileInput() {
        let clock = ContinuousClock()
        let started = clock.now
        let many = String(repeating: "<img src=http://a.example/x.png>", count: 20_000)
        let analysis = Self.analyze(many)
        #expect(analysis.findings.count == MixedContentClassifier.maximumFindings)
        #expect(analysis.omittedFindings == 20_000 - MixedContentClassifier.maximumFindings)
        _ = Self.analyze(String(repeating: "<", count: 1 << 20))
        _ = Self.analyze(String(repeating: "<a b=\"", count: 1 << 16))
        _ = Self.analyze("<style>" + String(repeating: "url(", count: 1 << 17))
        _ = Self.analyze("<script>" + String(repeating: "fetch(", count: 1 << 17))
        _ = Self.analyze(String(repeating: "<!--", count: 1 << 17))
        _ = Self.analyze("<div style=\"" + String(repeating: "/*", count: 1 << 17) + "\">")
        #expect(clock.now - started < .seconds(60))
    }

    @Test func upgradeInsecureRequestsInAMetaTagIsNoted() {
        let html = #"<META HTTP-EQUIV="Content-Security-Policy" content="default-src https:; Upgrade-Insecure-Requests"><img src="http://a.example/x.png">"#
        let analysis = Self.analyze(html)
        #expect(analysis.upgradeInsecureRequests)
        #expect(analysis.findings.count == 1)
        #expect(!Self.analyze(#"<meta http-equiv="Content-Security-Policy-Report-Only" content="upgrade-insecure-requests">"#).upgradeInsecureRequests)
        #expect(!Self.analyze(#"<meta name="x" content="upgrade-insecure-requests">"#).upgradeInsecureRequests)
        #expect(ContentSecurityPolicyUpgrade.isRequested(by: "script-src 'self', upgrade-insecure-requests"))
        #expect(!ContentSecurityPolicyUpgrade.isRequested(by: "script-src upgrade-insecure-requests"))
        #expect(!ContentSecurityPolicyUpgrade.isRequested(by: "block-all-mixed-content"))
    }
}
