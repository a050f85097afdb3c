# CWE-798 vuln: deploy script connects over SSH with a password literal
import paramiko


def deploy(host, artifact):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.load_system_host_keys()
    client.connect(host, username="deploy", password="d3ploy-Pass-42")
    sftp = client.open_sftp()
    sftp.put(artifact, "/opt/app/releases/latest.tar.gz")
    client.close()
