#if HTTPTransport
    /// Bytes that are not HTTP/1 as SpeedLab reads it, with what was wrong in words: an answer
    /// the lean client refuses, or a request the services answer with a 400.
    struct HTTPMalformed: Error, CustomStringConvertible {
        let description: String
        /// The request's body is longer than the services keep (a 413, not a 400).
        let isTooLarge: Bool
        init(_ description: String, isTooLarge: Bool = false) {
            self.description = description
            self.isTooLarge = isTooLarge
        }
    }
#endif
