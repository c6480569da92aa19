#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios

    extension ByteBuffer {
        /// Writes `call`'s request target, the very bytes of ``ServiceRoute/target(of:)``,
        /// without making the string: the lean client writes one per request, and the string
        /// cost more allocations than the rest of the request together.
        mutating func writeTarget(of call: ServiceCall) {
            writeString(ServiceRoute.call)
            writeStaticString("?service=")
            writeDecimal(call.service)
            writeStaticString("&query=")
            writeDecimal(call.query)
            writeStaticString("&attempt=")
            writeDecimal(call.attempt)
            writeStaticString("&seed=")
            writeDecimal(call.seed)
            writeStaticString("&mean_ns=")
            writeQueryNumber(call.meanLatencyNanos)
            writeStaticString("&jitter=")
            writeQueryNumber(call.jitter)
            writeStaticString("&failure_rate=")
            writeQueryNumber(call.failureRate)
            writeStaticString("&bytes=")
            writeDecimal(call.responseBytes)
        }

        /// Writes `call`'s tag, the very bytes of ``ServiceRoute/tag(of:)``, without making
        /// the string: the services write one into every answer to a call.
        mutating func writeTag(of call: ServiceCall) {
            writeDecimal(call.service)
            writeInteger(UInt8(ascii: "/"))
            writeDecimal(call.query)
            writeInteger(UInt8(ascii: "/"))
            writeDecimal(call.attempt)
            writeInteger(UInt8(ascii: "/"))
            writeDecimal(call.seed)
        }

        /// `value` as ``ServiceRoute/text(_:)`` spells it: a whole number in decimal, anything
        /// else in Swift's shortest round-trip form.
        private mutating func writeQueryNumber(_ value: Double) {
            if let whole = ServiceRoute.wholeNumber(value) {
                writeDecimal(whole)
            } else {
                writeString("\(value)")
            }
        }
    }
#endif
