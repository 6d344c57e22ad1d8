"""Media on S3-compatible object storage (django-storages), read from the environment.

Not a settings module: base.py calls media_storage() so that the rule lives in one place and tests can
build exactly what a server would.
"""

from __future__ import annotations

import environ


def media_storage(env: environ.Env) -> dict | None:
    """The STORAGES["default"] entry for AWS_STORAGE_BUCKET_NAME, or None (files on the local disk)."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,  # None: Amazon S3 itself
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,  # None: boto3's own lookup (IAM role)
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,  # "path" for MinIO
            # Reports and logos are private: no ACL (the bucket's own private policy applies) and, if a URL
            # is ever built, a short-lived signed one. The app streams every file through its own views.
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",  # SigV2 is retired on AWS and refused by many S3-compatible services
            "querystring_expire": 300,
            "file_overwrite": False,  # two firms' "logo.png" never replace each other
        },
    }
