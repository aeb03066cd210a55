"""Stored files on S3 (or MinIO, or any S3-compatible server) through django-storages: one storage definition
for settings.STORAGES, shared by the default storage (receipts, materials, evidence) and the "reports" storage.

Files stay private: no public ACL, and the portal never hands out the bucket's URLs — every download goes
through the app's permission-checked views, which stream from the bucket.
"""


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str | None,
    access_key: str | None,
    secret_key: str | None,
    region: str | None,
    location: str = "",
) -> dict:
    """A settings.STORAGES entry. Unset keys fall back to boto3's own chain (IAM role, AWS_* variables)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": location,  # a prefix inside the bucket ("backups")
            "endpoint_url": endpoint_url or None,  # MinIO / moto; None = AWS
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
            "default_acl": "private",
            "querystring_auth": True,
            # A name already taken gets a suffix, as on the file system: an upload never replaces another file.
            "file_overwrite": False,
        },
    }
