"""Python's ssl module as a TLS peer for scripts/interop-matrix.

    python_ssl_peer.py server --port N --cert FILE --key FILE [--client-ca FILE] [options]
    python_ssl_peer.py client --port N --cafile FILE [--cert FILE --key FILE] [--connections N] [options]
    options: --tls1_2 | --tls1_3, --ciphers OPENSSL-LIST (TLS 1.2), --curve NAME, --no-ticket

Every event is one JSON line on standard output. The server echoes one line per connection
and then closes it; the client sends an HTTP/1.1 GET per connection, resuming the previous
connection's session from the second on.
"""

import argparse
import json
import socket
import ssl
import sys


def emit(**fields):
    print(json.dumps(fields), flush=True)


def describe(connection):
    """What the handshake negotiated, as far as the ssl module tells."""
    certificate = connection.getpeercert()
    common_name = None
    if certificate:
        for rdn in certificate.get("subject", ()):
            for key, value in rdn:
                if key == "commonName":
                    common_name = value
    return {
        "version": connection.version(),
        "cipher": connection.cipher()[0],
        "peer_cn": common_name,
        "resumed": connection.session_reused,
    }


def make_context(arguments, purpose):
    context = ssl.SSLContext(purpose)
    if arguments.tls1_2:
        context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_2
    elif arguments.tls1_3:
        context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_3
    if arguments.ciphers:
        context.set_ciphers(arguments.ciphers)
    if arguments.curve:
        # Sets the one group offered and accepted, in TLS 1.2 and TLS 1.3 alike.
        context.set_ecdh_curve(arguments.curve)
    if arguments.no_ticket:
        context.options |= ssl.OP_NO_TICKET
    return context


def serve(arguments):
    context = make_context(arguments, ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.cert, arguments.key)
    if arguments.client_ca:
        context.load_verify_locations(arguments.client_ca)
        context.verify_mode = ssl.CERT_REQUIRED
    listener = socket.create_server(("127.0.0.1", arguments.port))
    emit(event="listening", port=arguments.port)
    while True:
        raw, _ = listener.accept()
        raw.settimeout(10)
        try:
            with context.wrap_socket(raw, server_side=True) as connection:
                emit(event="handshake", **describe(connection))
                line = connection.makefile("rb").readline()
                connection.sendall(line)
                emit(event="echoed", bytes=len(line))
                # close_notify both ways, so that no unread record makes close() send a reset.
                connection.unwrap()
        except (OSError, ssl.SSLError) as error:
            emit(event="error", error=str(error))


def connect(arguments):
    context = make_context(arguments, ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(arguments.cafile)
    if arguments.cert:
        context.load_cert_chain(arguments.cert, arguments.key)
    session = None
    for _ in range(arguments.connections):
        with socket.create_connection(("127.0.0.1", arguments.port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="localhost", session=session) as connection:
                emit(event="handshake", **describe(connection))
                request = f"GET {arguments.path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                connection.sendall(request.encode())
                response = b""
                while True:
                    try:
                        chunk = connection.recv(65536)
                    except ssl.SSLEOFError:
                        break
                    if not chunk:
                        break
                    response += chunk
                emit(event="response", body=response.decode(errors="replace")[-300:])
                # Read after the response: TLS 1.3 tickets have arrived by now.
                session = connection.session


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["server", "client"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--cafile")
    parser.add_argument("--client-ca")
    parser.add_argument("--tls1_2", action="store_true")
    parser.add_argument("--tls1_3", action="store_true")
    parser.add_argument("--ciphers")
    parser.add_argument("--curve")
    parser.add_argument("--no-ticket", action="store_true")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--path", default="/hello.txt")
    arguments = parser.parse_args()
    try:
        serve(arguments) if arguments.mode == "server" else connect(arguments)
    except (OSError, ssl.SSLError) as error:
        emit(event="error", error=str(error))
        sys.exit(1)


if __name__ == "__main__":
    main()
