import SpeedLabCore
import Testing

/// URLs are read strictly before anything connects, credentials run to the last `@`, and each
/// percent-escape is decoded exactly once.
@Suite struct EndpointURLTests {
    @Test func aPasswordWithURLPunctuationRunsToTheLastAt() throws {
        let url = try EndpointURL("postgres://tricky:p@ss:w0rd/?#x@db.internal:5433/speedlab", schemes: ["postgres"])
        #expect(url.user == "tricky")
        #expect(url.password == "p@ss:w0rd/?#x")
        #expect(url.host == "db.internal")
        #expect(url.port == 5433)
        #expect(url.path == "/speedlab")
    }

    @Test func eachPercentEscapeIsDecodedOnce() throws {
        let url = try EndpointURL("postgres://u%40x:100%2541@127.0.0.1/d%2Fb?sslmode=require", schemes: ["postgres"])
        #expect(url.user == "u@x")
        #expect(url.password == "100%41")
        #expect(url.path == "/d/b")
        #expect(url.query.map(\.name) == ["sslmode"])
    }

    @Test(arguments: [
        "http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:", "http://:80", "http://a b:80",
        "http://127.0.0.1:8a", "http://[::1", "http://[zz]:80", "http://127.0.0.1\u{0}:80", "http://a..b",
        "https://127.0.0.1:80", "127.0.0.1:80", "http://u:%G1@h:80", "http://u:%00@h:80", "http://-a:80",
    ])
    func malformedAddressesAreRefused(text: String) {
        #expect(throws: EndpointURLError.self) { try EndpointURL(text, schemes: ["http"]) }
    }

    @Test func anIPv6HostKeepsItsBrackets() throws {
        let url = try EndpointURL("http://[::1]:8080", schemes: ["http"])
        #expect(url.host == "::1")
        #expect(url.hostInURL == "[::1]")
        #expect(url.port == 8080)
    }

    @Test func redactionMasksEverythingBetweenTheSchemeAndTheLastAt() {
        #expect(EndpointURL.redacting("postgres://tricky:p@ss:w0rd@h:1/db") == "postgres://***@h:1/db")
        #expect(EndpointURL.redacting("http://h:80") == "http://h:80")
    }

    @Test func theErrorNeverShowsThePassword() {
        do {
            _ = try EndpointURL("postgres://u:s3cret@h:70000/db", schemes: ["postgres"])
            Issue.record("accepted a port over 65535")
        } catch {
            #expect(!error.description.contains("s3cret"))
            #expect(error.description.contains("65535"))
        }
    }
}
