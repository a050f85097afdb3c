# CWE-327 safe: the TLS server uses create_default_context with minimum_version TLS 1.2
import socket
import ssl


def serve(certfile, keyfile, port=8443):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(certfile, keyfile)
    with socket.create_server(("0.0.0.0", port)) as sock:
        with ctx.wrap_socket(sock, server_side=True) as tls:
            conn, _ = tls.accept()
            conn.sendall(b"hello\n")
            conn.close()
