// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Every numbered SQLite schema file in `migrations/`, and the `postgres/` folder beside them:
/// a new migration is a new file there, never a new line here.
let migrationResources: [Resource] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("migrations")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".sql") }.sorted().map { Resource.copy($0) } + [.copy("postgres")]
}()

/// Upcoming features every SpeedLab target builds with.
/// - ExistentialAny: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
/// - MemberImportVisibility: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "SpeedLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "speedlab", targets: ["speedlab"]),
        .executable(name: "speedlab-bench", targets: ["speedlab-bench"]),
        .executable(name: "speedlab-spawn", targets: ["speedlab-spawn"]),
        .library(name: "SpeedLabKit", targets: ["SpeedLabEngine", "SpeedLabStore", "SpeedLabScenarios"]),
    ],
    traits: [
        .trait(
            name: "HTTPTransport",
            description:
                "Real network I/O: the loopback HTTP services and SpeedLab's lean HTTP/1.1 client (SwiftNIO), and the SQLite db service"
        ),
        .trait(
            name: "AsyncHTTPClient",
            description:
                "`client: async-http-client` for http points: the popular library measured beside the lean client",
            enabledTraits: ["HTTPTransport"]
        ),
        .trait(
            name: "PostgreSQLStore",
            description:
                "A PostgreSQL store (the system's libpq) beside the SQLite file, so a team's machines share one history"
        ),
        .default(enabledTraits: ["HTTPTransport", "PostgreSQLStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // MARK: Library modules (dependencies point one way: Core + Concurrency ← Scenarios ← Engine; Core ← Store; Core + Statistics + Store ← Reports)
        .target(name: "SpeedLabCore", swiftSettings: strictSettings),
        .target(name: "SpeedLabStatistics", swiftSettings: strictSettings),
        .target(name: "SpeedLabConcurrency", swiftSettings: strictSettings),
        .target(
            name: "SpeedLabScenarios",
            dependencies: ["SpeedLabCore", "SpeedLabConcurrency", "SpeedLabStreaming"],
            swiftSettings: strictSettings
        ),
        // Streamed LLM answers: the event-stream reader, OpenAI-compatible chunks and the
        // timings and metrics of a stream.
        .target(
            name: "SpeedLabStreaming",
            dependencies: ["SpeedLabCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabCommands",
            dependencies: ["SpeedLabCore", "SpeedLabScenarios"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabTransport",
            dependencies: [
                "SpeedLabCore", "SpeedLabScenarios", "SpeedLabConcurrency", "SpeedLabStreaming",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["HTTPTransport"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["HTTPTransport"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["HTTPTransport"])),
                .product(
                    name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])
                ),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabEngine",
            dependencies: [
                "SpeedLabCore", "SpeedLabConcurrency", "SpeedLabScenarios", "SpeedLabStatistics", "SpeedLabTransport",
                "SpeedLabCommands", "SpeedLabStreaming", "Yams",
            ],
            swiftSettings: strictSettings
        ),
        // The store's core: the RunDatabase protocol, the models its readers return, the
        // importer and the errors. Backends sit beside it, each with only its own SQL and driver.
        .target(
            name: "SpeedLabStore",
            dependencies: ["SpeedLabCore"],
            swiftSettings: strictSettings
        ),
        // The embedded store: a SQLite file through GRDB (the system libsqlite3).
        .target(
            name: "SpeedLabSQLite",
            dependencies: [
                "SpeedLabCore", "SpeedLabStore", "SpeedLabMigrations",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // PostgreSQL's own C client (Debian: libpq-dev), linked like libsqlite3: nothing to compile.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "SpeedLabPostgres",
            dependencies: [
                "SpeedLabCore", "SpeedLabStore", "SpeedLabMigrations", "SpeedLabConcurrency",
                .target(name: "CLibPQ", condition: .when(traits: ["PostgreSQLStore"])),
            ],
            swiftSettings: strictSettings
        ),
        // Chooses the backend a `--db` location names, once, at the edge of a command.
        .target(
            name: "SpeedLabStoreOpener",
            dependencies: ["SpeedLabStore", "SpeedLabSQLite", "SpeedLabPostgres"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabReports",
            dependencies: ["SpeedLabCore", "SpeedLabStatistics", "SpeedLabStore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabSite",
            dependencies: ["SpeedLabCore", "SpeedLabStatistics", "SpeedLabStore", "SpeedLabReports"],
            exclude: [],
            resources: [.copy("Assets/site.js"), .copy("Assets/site.css")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SpeedLabMigrations",
            path: "migrations",
            exclude: [],
            resources: migrationResources,
            swiftSettings: strictSettings
        ),

        // MARK: Command-line executables
        // The process helper of command benchmarks (C, linked statically against the C library
        // alone: a few hundred KiB of RSS, so the commands it launches report their own peak RSS;
        // see the top of its main.c).
        .executableTarget(
            name: "speedlab-spawn",
            path: "Sources/speedlab-spawn",
            linkerSettings: [.unsafeFlags(["-static-executable"])]
        ),
        .executableTarget(
            name: "speedlab",
            dependencies: [
                "SpeedLabCore", "SpeedLabScenarios", "SpeedLabEngine", "SpeedLabStore", "SpeedLabStatistics",
                "SpeedLabReports", "SpeedLabPostgres", "SpeedLabCommands", "SpeedLabSite", "SpeedLabSQLite",
                "SpeedLabStoreOpener",
                // Built with speedlab (`swift run speedlab bench …` needs it beside the binary).
                "speedlab-spawn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "speedlab-bench",
            dependencies: [
                "SpeedLabCore", "SpeedLabStore", "SpeedLabStatistics", "SpeedLabReports", "SpeedLabScenarios",
                "SpeedLabConcurrency", "SpeedLabEngine", "SpeedLabTransport", "SpeedLabPostgres", "SpeedLabSite",
                "SpeedLabTestSupport", "SpeedLabSQLite", "SpeedLabStoreOpener", "SpeedLabStreaming",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Test support and tests (one Swift Testing target per module)
        .target(
            name: "SpeedLabTestSupport",
            dependencies: ["SpeedLabCore", "SpeedLabStore", "SpeedLabSQLite"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabCoreTests",
            dependencies: ["SpeedLabCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabConcurrencyTests",
            dependencies: ["SpeedLabConcurrency", .product(name: "Clocks", package: "swift-clocks")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabScenariosTests",
            dependencies: [
                "SpeedLabScenarios", "SpeedLabConcurrency", "SpeedLabTestSupport",
                .product(name: "Clocks", package: "swift-clocks"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabEngineTests",
            dependencies: ["SpeedLabEngine", "SpeedLabStore", "SpeedLabSQLite", "SpeedLabTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabStoreTests",
            dependencies: ["SpeedLabStore", "SpeedLabSQLite", "SpeedLabTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabCommandsTests",
            dependencies: [
                "SpeedLabCommands", "SpeedLabScenarios", "SpeedLabCore", "SpeedLabTestSupport", "speedlab-spawn",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabTransportTests",
            dependencies: [
                "SpeedLabTransport", "SpeedLabScenarios", "SpeedLabCore", "SpeedLabConcurrency", "SpeedLabStatistics",
                "SpeedLabStreaming", "SpeedLabTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabPostgresTests",
            dependencies: [
                "SpeedLabPostgres", "SpeedLabStore", "SpeedLabCore", "SpeedLabReports", "SpeedLabMigrations",
                "SpeedLabTestSupport", "SpeedLabSQLite", "SpeedLabStoreOpener",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabSiteTests",
            dependencies: [
                "SpeedLabSite", "SpeedLabStore", "SpeedLabCore", "SpeedLabReports", "SpeedLabTestSupport",
                "SpeedLabStatistics", "SpeedLabSQLite",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabStreamingTests",
            dependencies: ["SpeedLabStreaming", "SpeedLabCore", "SpeedLabStatistics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabStatisticsTests",
            dependencies: ["SpeedLabStatistics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabReportsTests",
            dependencies: [
                "SpeedLabReports", "SpeedLabStore", "SpeedLabSQLite", "SpeedLabTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SpeedLabCLITests",
            dependencies: [
                "SpeedLabTestSupport", "SpeedLabStore", "SpeedLabSQLite", "SpeedLabMigrations",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
