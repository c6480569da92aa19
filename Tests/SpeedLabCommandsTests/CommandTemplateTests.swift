import SpeedLabCommands
import Testing

@Suite struct CommandTemplateTests {
    @Test func plainCommandIsSplitIntoArgvWithQuotesHonoured() throws {
        let template = try CommandTemplate(#"python3 agent.py --name "two words" 'single {x}' a\ b -c {c}"#)
        #expect(!template.usesShell)
        #expect(template.placeholders == ["x", "c"])
        #expect(
            template.arguments(["x": "X", "c": "8"]) == [
                "python3", "agent.py", "--name", "two words", "single X", "a b", "-c", "8",
            ])
    }

    @Test func aValueNeverAddsArgumentsToADirectExec() throws {
        let template = try CommandTemplate("./args.sh out {value}")
        let value = #"1 --evil "quoted" ; rm -rf / $(touch x) 'x'"#
        #expect(template.arguments(["value": value]) == ["./args.sh", "out", value])
    }

    @Test(arguments: [
        "a | b", "a > out", "a; b", "a && b", "echo $HOME", "ls *.txt", "echo `date`", "FOO=1 a", "a # c",
        "cd ~", "(a)", #"echo "$x""#,
    ])
    func shellSyntaxNeedsAShell(_ text: String) throws {
        #expect(try CommandTemplate(text).usesShell, "\(text)")
    }

    @Test(arguments: ["true", "sleep 0.01", #"echo "a b" 'c;d' e\|f"#, "x --flag=1", "a {{literal}}"])
    func noShellSyntaxMeansDirectExec(_ text: String) throws {
        #expect(!(try CommandTemplate(text).usesShell), "\(text)")
    }

    @Test func shellValuesAreQuotedForWhereTheyStand() throws {
        let template = try CommandTemplate(#"echo {v} "in {v} double" 'in {v} single' | cat"#)
        let script = template.shellScript(["v": "a'b$(x)\"c"])
        #expect(script == #"echo 'a'\''b$(x)"c' "in a'b\$(x)\"c double" 'in ''a'\''b$(x)"c'' single' | cat"#)
    }

    @Test func doubledBracesAreLiteral() throws {
        let template = try CommandTemplate("awk {{print}} {n}")
        #expect(template.placeholders == ["n"])
        #expect(template.arguments(["n": "3"]) == ["awk", "{print}", "3"])
    }

    @Test func badTemplatesAreRefusedWithTheirReason() {
        #expect(throws: CommandError.emptyCommand) { try CommandTemplate("   ") }
        #expect(throws: CommandError.unterminatedQuote("\"")) { try CommandTemplate(#"echo "open"#) }
        #expect(throws: CommandError.trailingBackslash) { try CommandTemplate(#"echo \"#) }
        let huge = String(repeating: "a", count: 100 * 1024)
        #expect(throws: CommandError.templateTooLong(bytes: 100 * 1024, limit: CommandTemplate.maximumLength)) {
            try CommandTemplate(huge)
        }
    }
}
