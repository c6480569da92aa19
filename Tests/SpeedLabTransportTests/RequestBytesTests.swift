#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios
    import SpeedLabStatistics
    import Testing

    @testable import SpeedLabTransport

    /// The lean client writes a call's request target, and the services its tag, straight into
    /// their buffers: these pin that the bytes are exactly those of ``ServiceRoute/target(of:)``,
    /// ``ServiceRoute/tag(of:)`` and `String(_:)`, so each side reads back what the other meant.
    @Suite struct RequestBytesTests {
        private func written(_ write: (inout ByteBuffer) -> Void) -> String {
            var buffer = ByteBuffer()
            write(&buffer)
            return String(buffer: buffer)
        }

        @Test func decimalsAreWrittenAsStringSpellsThem() {
            var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
            var power = 1
            for _ in 0..<18 {
                power *= 10
                values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
            }
            var generator = SeededGenerator(seed: 7)
            values += (0..<2_000).map { _ in Int.random(in: .min ... .max, using: &generator) }
            values += (0..<2_000).map { _ in Int.random(in: -100_000...100_000, using: &generator) }
            for value in values {
                #expect(written { $0.writeDecimal(value) } == String(value), "\(value)")
            }
        }

        @Test func aCallsTargetAndTagAreWrittenByteForByteAsServiceRouteSpellsThem() {
            let reals: [Double] = [
                0, -0.0, 1, 0.5, 0.1, 2e7, 20_000_000.5, 1e-300, .leastNonzeroMagnitude, 9e15 - 1, 9e15, 1e16, 1e300,
                -3, -2.5,
                .greatestFiniteMagnitude, 0.30000000000000004,
            ]
            var generator = SeededGenerator(seed: 11)
            var calls: [ServiceCall] = []
            for _ in 0..<3_000 {
                func real() -> Double {
                    Bool.random(using: &generator)
                        ? reals.randomElement(using: &generator)!
                        : Double.random(in: -1e9...1e9, using: &generator)
                }
                func integer() -> Int {
                    Bool.random(using: &generator)
                        ? Int.random(in: -5...5, using: &generator) : Int.random(in: .min ... .max, using: &generator)
                }
                calls.append(
                    ServiceCall(
                        service: integer(), query: integer(), attempt: integer(), seed: integer(),
                        meanLatencyNanos: real(), jitter: real(), failureRate: real(), responseBytes: integer()))
            }
            for call in calls {
                #expect(written { $0.writeTarget(of: call) } == ServiceRoute.target(of: call))
                #expect(written { $0.writeTag(of: call) } == ServiceRoute.tag(of: call))
            }
        }
    }
#endif
