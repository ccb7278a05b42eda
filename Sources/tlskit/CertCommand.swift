import ArgumentParser

/// `tlskit cert`: a local certificate authority and the certificates it issues, as PEM files.
struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Create a local CA, and server or client certificates signed by it (PEM files).",
        discussion: """
            tlskit cert ca --out ca
            tlskit cert server --ca ca --out certs --dns localhost --ip 127.0.0.1
            tlskit cert client --ca ca --out certs --name alice

            Keys are ECDSA P-256 unless --key-type says otherwise; private keys are written \
            with mode 0600. These certificates are for development and tests.
            """,
        subcommands: [CertCACommand.self, CertServerCommand.self, CertClientCommand.self]
    )
}
