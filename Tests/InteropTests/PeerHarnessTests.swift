#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// The harness itself: ports, process lifetime, missing tools.
@Suite struct PeerHarnessTests {
    @Test func stopTerminatesAndReapsTheProcess() async throws {
        let sleeper = try PeerProcess("/bin/sh", ["-c", "trap '' TERM; echo started; exec sleep 60"])
        #expect(sleeper.isRunning)
        let pid = sleeper.processIdentifier
        sleeper.stop()
        #expect(!sleeper.isRunning)
        #expect(kill(pid, 0) != 0, "process \(pid) still exists after stop()")
    }

    @Test func deinitStopsTheProcess() async throws {
        var peer: PeerProcess? = try PeerProcess("/bin/sleep", ["60"])
        let pid = try #require(peer?.processIdentifier)
        #expect(kill(pid, 0) == 0)
        peer = nil
        #expect(kill(pid, 0) != 0, "process \(pid) outlived its PeerProcess")
    }

    @Test func outputIsCapturedWithoutDeadlock() async throws {
        // 1 MiB on stdout would fill any pipe buffer; files never block.
        let peer = try await PeerProcess.run("/bin/sh", ["-c", "head -c 1048576 /dev/zero | tr '\\0' x; echo oops >&2"])
        #expect(peer.terminationStatus == 0)
        #expect(peer.standardOutput.utf8.count == 1_048_576)
        #expect(peer.standardError == "oops\n")
    }

    @Test func freePortIsFreeAndListeningIsDetected() async throws {
        let port = try FreePort.allocate()
        #expect(port > 0)
        #expect(!FreePort.isListening(port))
    }

    @Test func missingToolFailsWithInstructions() {
        let error = #expect(throws: PeerTools.Missing.self) { try PeerTools.path(of: "tlskit-no-such-tool") }
        #expect(error?.description.contains("scripts/test") == true)
    }
}
