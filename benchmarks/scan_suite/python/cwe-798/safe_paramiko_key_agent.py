# CWE-798 safe: the deploy script authenticates with the SSH agent / a key file path, no password literal
import os

import paramiko


def deploy(host, artifact):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.load_system_host_keys()
    client.connect(
        host,
        username="deploy",
        key_filename=os.path.expanduser("~/.ssh/deploy_ed25519"),
        allow_agent=True,
    )
    sftp = client.open_sftp()
    sftp.put(artifact, "/opt/app/releases/latest.tar.gz")
    client.close()
