/// Finds the http:// (and ws://) subresources of an HTML page served over HTTPS and sorts
/// them as W3C Mixed Content does (https://w3c.github.io/webappsec-mixed-content/):
///
/// - upgradable (Section 3.1): `<img src>`, `<input type=image src>`, `<video poster>`,
///   `<audio src>`, `<video src>`, and `<source src>` inside `<audio>` or `<video>`: the
///   browser loads them over https instead;
/// - blockable (Section 3.2): everything else that loads: `<script src>`, `<link href>` with a
///   fetching relation (stylesheet, icon, preload, modulepreload, prefetch, manifest, ...),
///   `<iframe src>`, `<frame src>`, `<object data>`, `<embed src>`, `<track src>`, `<form action>`,
///   `formaction`, `srcset`/`imagesrcset` images (`<img>`, `<picture><source>`), `url(...)`,
///   `@font-face` and `@import` in `<style>` and `style` attributes, and string URLs passed
///   to `fetch(`, `new WebSocket(`, ... in inline scripts;
/// - and an upgradable kind is blockable when its host is an IP address literal (Section 4.1).
///
/// CSS images (`background: url(...)`) count as blockable here, with the rest of CSS; a
/// browser that upgrades every request whose Fetch destination is "image" may load them over
/// https instead, which the report cannot tell.
///
/// `<a href>` and `<area href>` to http:// are navigation, not mixed content; they are listed
/// apart as insecure links.
enum MixedContentClassifier {
    /// The most findings and links listed; more are only counted.
    static let maximumFindings = 1000
    static let maximumLinks = 200

    /// `<link rel>` keywords whose target the browser fetches as a subresource.
    static let fetchingLinkRelations: Set<String> = [
        "stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon",
        "preload", "modulepreload", "prefetch", "prerender", "manifest",
    ]

    static func analyze(_ document: [UInt8]) -> MixedContentAnalysis {
        var analysis = MixedContentAnalysis()
        let tokens = HTMLTagScanner.tokens(document)
        analysis.scanIncomplete = tokens.count >= HTMLTagScanner.maximumTokens
        /// The open `audio`, `video` and `picture` elements, innermost last (decides what a
        /// `<source>` is for).
        var mediaElements: [String] = []
        for token in tokens {
            switch token {
            case .startTag(let tag):
                Self.classify(tag, mediaParent: mediaElements.last, into: &analysis)
                if ["audio", "video", "picture"].contains(tag.name) {
                    mediaElements.append(tag.name)
                    if mediaElements.count > 64 { mediaElements.removeFirst() }
                }
            case .endTag(let name):
                if let open = mediaElements.lastIndex(of: name) {
                    mediaElements.removeSubrange(open...)
                }
            case .rawText(let element, let text):
                switch element {
                case "style":
                    Self.classifyCSS(text, element: "style", attribute: nil, into: &analysis)
                case "script":
                    for target in InlineScriptURLExtractor.fetchTargets(in: text) {
                        Self.record(target.url, element: "script", attribute: nil, context: "\(target.call)()", kind: .blockable, into: &analysis)
                    }
                default:
                    break
                }
            }
        }
        return analysis
    }

    /// The findings of one start tag.
    private static func classify(_ tag: HTMLTag, mediaParent: String?, into analysis: inout MixedContentAnalysis) {
        if let style = tag.attribute("style") {
            Self.classifyCSS(style, element: tag.name, attribute: "style", into: &analysis)
        }
        func check(_ attribute: String, _ kind: MixedContentClassification) {
            if let url = tag.attribute(attribute) {
                Self.record(url, element: tag.name, attribute: attribute, context: nil, kind: kind, into: &analysis)
            }
        }
        func checkSrcset(_ attribute: String) {
            guard let srcset = tag.attribute(attribute) else { return }
            for url in SrcsetParser.urls(srcset) {
                Self.record(url, element: tag.name, attribute: attribute, context: nil, kind: .blockable, into: &analysis)
            }
        }
        switch tag.name {
        case "img":
            check("src", .upgradable)
            checkSrcset("srcset")
        case "audio", "video":
            check("src", .upgradable)
            if tag.name == "video" { check("poster", .upgradable) }
        case "source":
            check("src", mediaParent == "audio" || mediaParent == "video" ? .upgradable : .blockable)
            checkSrcset("srcset")
        case "input":
            if tag.attribute("type")?.lowercased() == "image" { check("src", .upgradable) }
            check("formaction", .blockable)
        case "button":
            check("formaction", .blockable)
        case "script", "iframe", "frame", "embed", "track":
            check("src", .blockable)
        case "object":
            check("data", .blockable)
        case "form":
            check("action", .blockable)
        case "link":
            let relations = (tag.attribute("rel") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            if relations.contains(where: { Self.fetchingLinkRelations.contains(String($0)) }) {
                check("href", .blockable)
                checkSrcset("imagesrcset")
            } else if let href = tag.attribute("href") {
                Self.recordLink(href, element: "link", attribute: "href", into: &analysis)
            }
        case "meta":
            if tag.attribute("http-equiv")?.lowercased() == "content-security-policy",
                let policy = tag.attribute("content"), ContentSecurityPolicyUpgrade.isRequested(by: policy)
            {
                analysis.upgradeInsecureRequests = true
            }
        case "a", "area":
            if let href = tag.attribute("href") {
                Self.recordLink(href, element: tag.name, attribute: "href", into: &analysis)
            }
        default:
            break
        }
    }

    /// The URLs a piece of CSS loads: all blockable (W3C Mixed Content, Section 3.2).
    private static func classifyCSS(_ css: String, element: String, attribute: String?, into analysis: inout MixedContentAnalysis) {
        for reference in CSSURLExtractor.references(in: css) {
            Self.record(
                reference.url, element: element, attribute: attribute, context: reference.context.rawValue, kind: .blockable,
                into: &analysis)
        }
    }

    /// Adds a finding when `url` is http:// or ws://; an upgradable kind on an IP host becomes blockable.
    private static func record(
        _ url: String, element: String, attribute: String?, context: String?, kind: MixedContentClassification,
        into analysis: inout MixedContentAnalysis
    ) {
        guard let insecure = InsecureURL(url) else { return }
        let ipHost = insecure.hasIPAddressHost
        let classification: MixedContentClassification = ipHost || insecure.scheme == "ws" ? .blockable : kind
        guard analysis.findings.count < Self.maximumFindings else {
            analysis.omittedFindings += 1
            return
        }
        analysis.findings.append(
            MixedContentFinding(
                element: element, attribute: attribute, context: context, url: insecure.text, classification: classification,
                ipAddressHost: ipHost))
    }

    private static func recordLink(_ url: String, element: String, attribute: String, into analysis: inout MixedContentAnalysis) {
        guard let insecure = InsecureURL(url, schemes: ["http"]) else { return }
        guard analysis.insecureLinks.count < Self.maximumLinks else {
            analysis.omittedLinks += 1
            return
        }
        analysis.insecureLinks.append(InsecureLink(element: element, attribute: attribute, url: insecure.text))
    }
}
