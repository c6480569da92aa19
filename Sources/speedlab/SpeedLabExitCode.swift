import ArgumentParser
import Foundation
import SpeedLabCommands
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabStore
import SpeedLabTransport

/// Every exit code `speedlab` uses; the README's table lists the same.
enum SpeedLabExitCode: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case regression = 3
    case nothingCompared = 4
    case usage = 64
    case badSweepFile = 65
    case missingInput = 66
    case databaseUnreachable = 68
    case servicesUnavailable = 69
    case cannotWriteOutput = 73
    case databaseError = 74
    case databaseLocked = 75
    case databaseNewer = 76
    case databaseLoginRefused = 77
    case interrupted = 130

    /// The code for an error, after printing it as one line on standard error.
    static func report(_ error: any Error) -> ExitCode {
        let code = code(for: error)
        FileHandle.standardError.write(Data("error: \(TerminalText.safe("\(error)"))\n".utf8))
        return ExitCode(code.rawValue)
    }

    /// Runs `body`, turning any error it throws (other than an exit code) into its exit code
    /// after printing it.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw report(error)
        }
    }

    static func code(for error: any Error) -> SpeedLabExitCode {
        switch error {
        case let error as SweepFileError:
            if case .unreadable = error { return .missingInput }
            return .badSweepFile
        case let error as StoreError:
            switch error {
            case .schemaIsNewer: return .databaseNewer
            case .locked: return .databaseLocked
            case .missing, .noSuchDatabase, .importSource(_, _, true): return .missingInput
            case .unreachable: return .databaseUnreachable
            case .authenticationFailed: return .databaseLoginRefused
            case .unsupportedLocation: return .usage
            case .invalidPath: return .usage
            case .unknownRun, .noCompletedRun: return .usage
            default: return .databaseError
            }
        case let error as RunSessionError:
            switch error {
            case .stillRunning, .takenByAnotherProcess: return .usage
            case .pointsOutsideSweep: return .failure
            }
        case is TraceSelectionError:
            return .usage
        case is RealIOError:
            return .servicesUnavailable
        case let error as CommandError:
            switch error {
            case .executableNotFound, .notExecutable, .workingDirectoryMissing, .outputFolderMissing, .helperMissing:
                return .missingInput
            default: return .failure
            }
        case let error as ScenarioError:
            if case .checksumMismatch = error { return .failure }
            return .usage
        default:
            return .failure
        }
    }
}
