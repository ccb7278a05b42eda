"""tlslite-ng as a TLS peer for scripts/interop-matrix.

    tlslite_peer.py server --port N --cert FILE --key FILE [--request-client-cert] [--no-ticket] [options]
    tlslite_peer.py client --port N [--cert FILE --key FILE] [--connections N] [--no-ticket] [options]
    options: --tls1_2 | --tls1_3, --ciphers aes128gcm,..., --kx ecdhe_ecdsa,ecdhe_rsa,rsa,
             --groups x25519,secp256r1,..., --sig SCHEME (tlslite's names: ecdsa_secp256r1_sha256,
             rsa_pss_rsae_sha384, rsa_pkcs1_sha256, ed25519, ...)

tlslite-ng does not check certificate chains against roots: the client reports the
server's certificate subject, the server the client's, and the driver checks those.
Every event is one JSON line on standard output. The server echoes one line per connection
and then closes it; the client sends an HTTP/1.1 GET per connection, resuming the previous
connection's session from the second on.
"""

import argparse
import json
import os
import socket
import sys

from tlslite.api import HandshakeSettings, SessionCache, TLSConnection, X509CertChain, parsePEMKey
from tlslite.constants import CipherSuite, GroupName, SignatureScheme

VERSIONS = {(3, 3): "TLSv1.2", (3, 4): "TLSv1.3"}


def emit(**fields):
    print(json.dumps(fields), flush=True)


def subject_text(chain):
    """The printable bytes of the leaf's subject (holds its common name)."""
    if not chain or not chain.x509List:
        return None
    subject = bytes(chain.x509List[0].subject)
    return "".join(chr(b) for b in subject if 32 <= b < 127)


def describe(connection, peer_chain):
    signature = None
    if connection.serverSigAlg:
        signature = SignatureScheme.toRepr(connection.serverSigAlg)
    return {
        "version": VERSIONS.get(connection.version, str(connection.version)),
        "cipher": CipherSuite.ietfNames.get(connection.session.cipherSuite, hex(connection.session.cipherSuite)),
        "group": GroupName.toStr(connection.ecdhCurve) if connection.ecdhCurve else None,
        "signature": signature,
        "peer_subject": subject_text(peer_chain),
        "resumed": resumed(connection),
    }


def resumed(connection):
    """tlslite-ng's server reports every TLS 1.3 handshake as new; one it signed no
    CertificateVerify in can only have been a resumption (RFC 8446, Section 2.2)."""
    if connection.resumed:
        return True
    return connection.version == (3, 4) and connection.serverSigAlg is None


def make_settings(arguments):
    settings = HandshakeSettings()
    if arguments.tls1_2:
        settings.minVersion = settings.maxVersion = (3, 3)
    elif arguments.tls1_3:
        settings.minVersion = settings.maxVersion = (3, 4)
    if arguments.ciphers:
        settings.cipherNames = arguments.ciphers.split(",")
    if arguments.kx:
        settings.keyExchangeNames = arguments.kx.split(",")
    if arguments.groups:
        settings.eccCurves = arguments.groups.split(",")
        settings.keyShares = settings.eccCurves[:1]
    if arguments.sig:
        restrict_signatures(settings, arguments.sig)
    return settings


def restrict_signatures(settings, scheme):
    """Allows only SCHEME for handshake signatures (tlslite lists them by hash and padding)."""
    settings.more_sig_schemes = []
    settings.ecdsaSigHashes = []
    settings.rsaSigHashes = []
    if scheme == "ed25519":
        settings.more_sig_schemes = ["Ed25519"]
    elif scheme.startswith("ecdsa_"):
        settings.ecdsaSigHashes = [scheme.rsplit("_", 1)[1]]
    elif scheme.startswith("rsa_pss_rsae_"):
        settings.rsaSchemes = ["pss"]
        settings.rsaSigHashes = [scheme.rsplit("_", 1)[1]]
    elif scheme.startswith("rsa_pkcs1_"):
        settings.rsaSchemes = ["pkcs1"]
        settings.rsaSigHashes = [scheme.rsplit("_", 1)[1]]
    else:
        raise SystemExit(f"unknown signature scheme {scheme}")


def load_identity(arguments):
    if not arguments.cert:
        return None, None
    chain = X509CertChain()
    with open(arguments.cert) as file:
        chain.parsePemList(file.read())
    with open(arguments.key) as file:
        key = parsePEMKey(file.read(), private=True, implementations=["python"])
    return chain, key


def serve(arguments):
    settings = make_settings(arguments)
    if not arguments.no_ticket:
        settings.ticketKeys = [bytearray(os.urandom(32))]
    chain, key = load_identity(arguments)
    cache = SessionCache()
    listener = socket.create_server(("127.0.0.1", arguments.port))
    emit(event="listening", port=arguments.port)
    while True:
        raw, _ = listener.accept()
        raw.settimeout(10)
        connection = TLSConnection(raw)
        try:
            connection.handshakeServer(
                certChain=chain, privateKey=key, reqCert=arguments.request_client_cert,
                sessionCache=cache, settings=settings)
            emit(event="handshake", **describe(connection, connection.session.clientCertChain))
            line = b""
            while not line.endswith(b"\n"):
                chunk = connection.read(max=1)
                if not chunk:
                    break
                line += bytes(chunk)
            connection.write(line)
            emit(event="echoed", bytes=len(line))
            # Read up to the client's close_notify: closing with a record unread sends a reset.
            while connection.read():
                pass
            connection.close()
        except Exception as error:  # a failed connection is reported, the server goes on
            emit(event="error", error=f"{type(error).__name__}: {error}")
            raw.close()


def connect(arguments):
    settings = make_settings(arguments)
    # tlslite-ng compresses its client certificate when its own ClientHello offered
    # compress_certificate, not when the server's CertificateRequest did (RFC 8879, Section 3).
    settings.certificate_compression_send = []
    chain, key = load_identity(arguments)
    session = None
    for _ in range(arguments.connections):
        raw = socket.create_connection(("127.0.0.1", arguments.port), timeout=10)
        connection = TLSConnection(raw)
        connection.handshakeClientCert(
            certChain=chain, privateKey=key, session=session, settings=settings, serverName="localhost")
        emit(event="handshake", **describe(connection, connection.session.serverCertChain))
        request = f"GET {arguments.path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        connection.write(request.encode())
        response = b""
        while True:
            try:
                chunk = connection.read()
            except Exception:  # the server closed TCP right after close_notify
                break
            if not chunk:
                break
            response += bytes(chunk)
        emit(event="response", body=response.decode(errors="replace")[-300:])
        # Taken after the response: TLS 1.3 tickets have arrived by now.
        session = connection.session
        if arguments.no_ticket:
            # tlslite-ng always offers TLS 1.2 tickets; without one it resumes by session ID.
            session.tls_1_0_tickets = []
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["server", "client"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--request-client-cert", action="store_true")
    parser.add_argument("--no-ticket", action="store_true")
    parser.add_argument("--tls1_2", action="store_true")
    parser.add_argument("--tls1_3", action="store_true")
    parser.add_argument("--ciphers")
    parser.add_argument("--kx")
    parser.add_argument("--groups")
    parser.add_argument("--sig")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--path", default="/hello.txt")
    arguments = parser.parse_args()
    try:
        serve(arguments) if arguments.mode == "server" else connect(arguments)
    except Exception as error:
        emit(event="error", error=f"{type(error).__name__}: {error}")
        sys.exit(1)


if __name__ == "__main__":
    main()
