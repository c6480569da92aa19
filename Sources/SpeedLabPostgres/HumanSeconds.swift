/// Seconds as people read them in messages (`300 s`, `2.5 s`).
enum HumanSeconds {
    static func text(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
