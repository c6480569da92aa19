import Foundation
import SpeedLabCore
import Testing

/// The one vocabulary of numbers, durations and times shared by the terminal and the reports.
@Suite struct HumanFormatTests {
    @Test(arguments: [
        (0.4, "0.4 s"), (59.94, "59.9 s"), (60, "1m00s"), (65.4, "1m05s"), (3599.4, "59m59s"), (3600, "1h00m00s"),
        (3723, "1h02m03s"), (90_061, "25h01m01s"),
    ])
    func durationsReadTheSameUnderAndOverAnHour(_ seconds: Double, _ expected: String) {
        #expect(HumanFormat.duration(seconds: seconds) == expected)
    }

    @Test func durationsOfNothingReadAsADash() {
        #expect(HumanFormat.duration(seconds: -1) == "-")
        #expect(HumanFormat.duration(seconds: .nan) == "-")
        #expect(HumanFormat.duration(.milliseconds(1_500)) == "1.5 s")
        #expect(HumanFormat.duration(seconds: 1e30).hasSuffix(" years"), "no overflow on absurd estimates")
        #expect(HumanFormat.duration(seconds: 3.15576e9) == "100 years")
    }

    @Test(arguments: [
        (1_234_000_000.0, "1234"), (12_345_678, "12.3"), (4_567_000, "4.57"), (789_000, "0.789"), (-2_500_000, "-2.50"),
    ])
    func millisecondsKeepThreeSignificantFigures(_ nanos: Double, _ expected: String) {
        #expect(HumanFormat.milliseconds(nanos) == expected)
    }

    @Test func missingOrNonFiniteNumbersReadAsADash() {
        #expect(HumanFormat.milliseconds(nil) == "-")
        #expect(HumanFormat.milliseconds(.infinity) == "-")
        #expect(HumanFormat.fixed(.nan, 2) == "-")
        #expect(HumanFormat.percentChange(.nan) == "-")
    }

    @Test func timestampsAreUTCToTheSecond() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.75)
        #expect(HumanFormat.timestamp(date) == "2026-11-18 11:06:40")
    }

    @Test func countdownsAndChangesAndBytes() {
        #expect(HumanFormat.clock(seconds: 7) == "0:07")
        #expect(HumanFormat.clock(seconds: 3723) == "1:02:03")
        #expect(HumanFormat.percentChange(0.123) == "+12.3%")
        #expect(HumanFormat.percentChange(-0.004) == "-0.4%")
        #expect(HumanFormat.bytes(24 << 30) == "24.0 GiB")
        #expect(HumanFormat.bytes(10 << 20) == "10 MiB")
    }
}
