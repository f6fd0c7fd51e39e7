"""What the boto3 endpoint suites share: the environment (any credentials, no user configuration, and
AWS_DATA_PATH at ../shared/botocore-data so Debian's 2022 botocore knows the newer operations and
parameters), a DynamoDB client for a Region of the server run_with_server.sh started (DDB_ENDPOINT),
and the sandbox's own SandboxControl target. Import it before boto3."""
import json
import os
import pathlib
import urllib.request

_REPO = pathlib.Path(__file__).resolve().parents[2]
BOTOCORE_DATA = _REPO.parent / "shared" / "botocore-data"
HAVE_NEW_MODEL = BOTOCORE_DATA.is_dir()  # tests of newer parameters skip without it
if HAVE_NEW_MODEL:
    os.environ["AWS_DATA_PATH"] = str(BOTOCORE_DATA)  # before botocore builds its loader
os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret", AWS_CONFIG_FILE="/dev/null",
                  AWS_SHARED_CREDENTIALS_FILE="/dev/null")

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

ENDPOINT = os.environ.get("DDB_ENDPOINT", "http://127.0.0.1:8000")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(region="us-east-1"):
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name=region, config=CONFIG)


def control(op, body):
    """SandboxControl, unsigned from this machine (the default Region, us-east-1)."""
    req = urllib.request.Request(ENDPOINT + "/", data=json.dumps(body).encode(), method="POST",
                                 headers={"X-Amz-Target": "SandboxControl." + op, "Content-Type": "application/x-amz-json-1.0"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def advance(seconds):
    control("AdvanceClock", {"Seconds": seconds})
