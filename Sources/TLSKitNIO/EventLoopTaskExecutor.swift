import NIOCore

/// Runs a task's jobs on one NIO event loop (SE-0417 task executor preference).
///
/// `TLSHandler` runs the certificate verifier on its channel's event loop with this executor,
/// not on Swift's shared cooperative pool: a pool busy with other work (CPU-bound tasks of the
/// application, a loaded machine with few cores) could otherwise hold a handshake paused for
/// its verdict until a handshake timeout fires. Verification then costs the event loop what it
/// costs in swift-nio-ssl, whose verification callback runs there too.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // The closure keeps the executor alive until its job has run.
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
