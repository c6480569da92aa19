import SpeedLabCore
import SpeedLabReports
import Testing

/// The HTML every page and HTML report is written with: text is text, links stay relative.
@Suite struct HTMLSpansTests {
    @Test func userTextIsEscapedEvenWhereACombiningMarkFollowsASpecialCharacter() {
        #expect(HTMLSpans.write([.text("<b\u{301}>&\"'")]) == "&lt;b\u{301}&gt;&amp;&quot;&#39;")
        #expect(HTMLSpans.write([.text("<\u{301}script>")]).utf8.starts(with: "&lt;".utf8))
        #expect(HTMLSpans.write([.text("a\nb\u{1B}[31m")]) == "a b[31m")
        #expect(HTMLSpans.write([.code("<x>")]) == "<code>&lt;x&gt;</code>")
        #expect(HTMLSpans.write([.strong([.text("**x**")])]) == "<strong>**x**</strong>")
    }

    @Test func onlyRelativeLinksAndImagesAreKept() {
        #expect(HTMLSpans.write([.link([.plain("x")], href: "javascript:alert(1)")]) == "x")
        #expect(HTMLSpans.write([.link([.plain("x")], href: "runs/1.html")]) == "<a href=\"runs/1.html\">x</a>")
        #expect(HTMLSpans.image("data:image/svg+xml,<svg>", alt: "<a>") == "&lt;a&gt;")
        #expect(HTMLSpans.image("12/chart.svg", alt: "a \"b\"") == "<img src=\"12/chart.svg\" alt=\"a &quot;b&quot;\">")
    }

    @Test func aTableLinksItsPointRowsAndColoursTheCellThatStatesTheVerdict() {
        var table = DocumentTable(headings: ["scenario", "verdict"])
        let key = PointKey(scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(8)]))
        table.append([[.text("concurrent")], .words("regression (p 0.01)")], point: key, verdict: "regression")
        table.append([.words("total"), .words("-")])
        let html = HTMLSpans.write(table) { "points/\($0.scenario).html" }
        #expect(html.contains("<th>point</th><th>scenario</th>"))
        #expect(html.contains("<td><a href=\"points/concurrent.html\">history</a></td><td>concurrent</td>"))
        #expect(html.contains("<td class=\"regression\">regression (p 0.01)</td>"))
        #expect(html.contains("<tr><td></td><td>total</td><td>-</td></tr>"))
        #expect(HTMLSpans.anchor("Not comparable") == "not-comparable" && HTMLSpans.anchor("—") == "section")
    }
}
