# CWE-327 vuln: the TLS server context is pinned to PROTOCOL_TLSv1 (TLS 1.0, broken/deprecated protocol)
import socket
import ssl


def serve(certfile, keyfile, port=8443):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx.load_cert_chain(certfile, keyfile)
    with socket.create_server(("0.0.0.0", port)) as sock:
        with ctx.wrap_socket(sock, server_side=True) as tls:
            conn, _ = tls.accept()
            conn.sendall(b"hello\n")
            conn.close()
