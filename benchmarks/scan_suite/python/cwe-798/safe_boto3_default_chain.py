# CWE-798 safe: the S3 client relies on boto3's default credential chain (instance role / env / profile), nothing in code
import boto3


def upload_report(path, bucket="reports-bucket"):
    s3 = boto3.client("s3")
    s3.upload_file(path, bucket, "daily/" + path.rsplit("/", 1)[-1])
