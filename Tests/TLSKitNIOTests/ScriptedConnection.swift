import NIOCore
import Synchronization
import TLSKit

@testable import TLSKitNIO

/// A stand-in for `TLSConnection` whose actions the test scripts, to exercise `TLSHandler`'s
/// I/O logic (the real state machine is tested on its own and against real peers).
final class ConnectionScript: Sendable {
    struct State {
        var actions: [TLSAction] = []
        var error: TLSError?
        var received: [String] = []
        var verdicts: [CertificateVerificationResult] = []
        /// Actions that become available once the verdict is handed back.
        var afterVerification: [TLSAction] = []
        var handshakeComplete = false
        var closeCalls = 0
    }

    let state = Mutex(State())

    func push(_ actions: TLSAction...) {
        self.state.withLock { $0.actions += actions }
    }
}

struct ScriptedConnection: TLSConnectionProtocol {
    let script: ConnectionScript

    mutating func receive(_ bytes: inout ByteBuffer) {
        let text = bytes.readString(length: bytes.readableBytes) ?? ""
        self.script.state.withLock { $0.received.append(text) }
    }

    mutating func nextAction() throws -> TLSAction? {
        try self.script.state.withLock { state in
            if !state.actions.isEmpty {
                let action = state.actions.removeFirst()
                if case .handshakeCompleted = action { state.handshakeComplete = true }
                return action
            }
            if let error = state.error { throw error }
            return nil
        }
    }

    mutating func completeVerification(_ result: CertificateVerificationResult) {
        self.script.state.withLock { state in
            state.verdicts.append(result)
            state.actions += state.afterVerification
            state.afterVerification = []
        }
    }

    mutating func write(_ plaintext: ByteBuffer) throws {
        try self.script.state.withLock { state in
            guard state.handshakeComplete else {
                throw TLSError(code: .invalidState, reason: "write before the handshake completed")
            }
            state.actions.append(.send(ByteBuffer(string: "record(\(String(buffer: plaintext)))")))
        }
    }

    mutating func close() {
        self.script.state.withLock { state in
            state.closeCalls += 1
            state.actions.append(.send(ByteBuffer(string: "close_notify")))
        }
    }
}
