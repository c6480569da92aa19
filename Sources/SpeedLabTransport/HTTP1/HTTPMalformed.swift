#if HTTPTransport
    /// Bytes that are not HTTP/1 as SpeedLab reads it, with what was wrong in words: an answer
    /// the lean client refuses, or a request the services answer with a 400.
    struct HTTPMalformed: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
#endif
