#!/usr/bin/env python3
"""The rules the compose stack and its images follow, checked without a Docker engine.

docker/check.sh runs this after `docker-compose config` has validated docker-compose.yml against the Compose schema.
This script checks what the schema cannot know: that the images run as a non-root user with a health check and JVM
memory sized from the container limit, that DJL never downloads anything, that the API and the workers share one
database and one S3 bucket and no directory (so that any of them can run on another host), that nothing starts
before PostgreSQL is healthy and the bucket exists, that a reverse proxy is the only way in (so that the API can
be scaled), and that every setting of the compose file is an environment variable whose default docs/compose.md
documents, and that every DIN_ variable the stack sets binds to a property of the platform.

Usage: check_stack.py RESOLVED_COMPOSE_YAML   (the output of `docker-compose -f docker-compose.yml config`)
       check_stack.py --self-test             (proves that each rule catches what it is meant to catch)
"""

import re
import shlex
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "docker" / "Dockerfile"
COMPOSE_FILE = ROOT / "docker-compose.yml"
COMPOSE_DOC = ROOT / "docs" / "compose.md"
DOCKERIGNORE = ROOT / ".dockerignore"
PARENT_POM = ROOT / "pom.xml"

API_SERVICE = "platform-api"
CPU_WORKER_SERVICE = "training-worker"
GPU_WORKER_SERVICE = "training-worker-gpu"
DATABASE_SERVICE = "postgres"
OBJECT_STORE_SERVICE = "minio"
BUCKET_SERVICE = "minio-bucket"
PROXY_SERVICE = "proxy"
PLATFORM_SERVICES = (API_SERVICE, CPU_WORKER_SERVICE, GPU_WORKER_SERVICE)
GPU_STAGE = "training-worker-gpu"
CPU_STAGES = ("platform-api", "training-worker")
# What names the one artifact store that every platform process must share.
ARTIFACT_STORE_ENV = ("DIN_ARTIFACTS_TYPE", "DIN_ARTIFACTS_S3_ENDPOINT", "DIN_ARTIFACTS_S3_BUCKET",
                      "DIN_ARTIFACTS_S3_PREFIX")


# ------------------------------------------------------------------------------------------------- the Dockerfile

@dataclass
class Instruction:
    line: int
    keyword: str
    arguments: str

    def where(self):
        return f"docker/Dockerfile:{self.line}: {self.keyword} {self.arguments[:70]}"


@dataclass
class Stage:
    name: str
    base: str
    line: int
    instructions: list = field(default_factory=list)

    def all(self, keyword):
        return [i for i in self.instructions if i.keyword == keyword]


def logical_lines(text):
    """Dockerfile lines with continuations joined and comments dropped, each with the number of its first line."""
    pending, start = [], None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if start is None:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        yield start, " ".join(part for part in pending if part)
        pending, start = [], None
    if pending:
        yield start, " ".join(pending)


def parse_dockerfile(text):
    """The global ARG defaults and the stages, in order."""
    global_args, stages = {}, []
    for line, content in logical_lines(text):
        keyword, _, arguments = content.partition(" ")
        instruction = Instruction(line, keyword.upper(), arguments.strip())
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else f"#{len(stages)}"
            stages.append(Stage(name, substitute(words[0], global_args), line))
        elif not stages and instruction.keyword == "ARG":
            key, _, default = instruction.arguments.partition("=")
            global_args[key] = default
        elif stages:
            stages[-1].instructions.append(instruction)
    return stages


def substitute(value, variables):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: variables.get(m.group(1) or m.group(2), m.group(0)), value)


def env_pairs(instruction):
    """The variables an ENV instruction sets (KEY=value pairs, or the legacy `ENV KEY value`)."""
    words = shlex.split(instruction.arguments)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    return dict(word.split("=", 1) for word in words)


class Image:
    """One build target, with what it inherits from the stages it is built FROM."""

    def __init__(self, stages, name):
        self.by_name = {stage.name: stage for stage in stages}
        self.name = name
        self.chain = []
        stage = self.by_name[name]
        while stage is not None:
            self.chain.insert(0, stage)
            stage = self.by_name.get(stage.base)

    def instructions(self, keyword):
        return [i for stage in self.chain for i in stage.all(keyword)]

    def env(self):
        variables = {}
        for instruction in self.instructions("ENV"):
            variables.update(env_pairs(instruction))
        return variables

    def base_image(self):
        return self.chain[0].base


def check_dockerfile(text, dockerignore, pytorch_version):
    problems = []
    stages = parse_dockerfile(text)
    names = {stage.name for stage in stages}
    for stage in stages:
        problems += check_base_image(stage, names)
        problems += check_instructions(stage)
    for target in CPU_STAGES + (GPU_STAGE,):
        if target not in names:
            problems.append(f"docker/Dockerfile has no stage named {target}")
            continue
        problems += check_runtime_image(Image(stages, target))
    if GPU_STAGE in names:
        problems += check_gpu_image(Image(stages, GPU_STAGE), stages, pytorch_version)
    for target in CPU_STAGES:
        runs = Image(stages, target).instructions("RUN") if target in names else []
        if target in names and not any("EngineWarmup" in run.arguments for run in runs):
            problems.append(f"stage {target} never runs EngineWarmup: DJL would extract its native libraries "
                            "in every new container instead of once in the image")
    problems += check_dockerignore(dockerignore)
    return problems


def check_base_image(stage, stage_names):
    if stage.base in stage_names:
        return []
    image = stage.base.split("@")[0]
    where = f"docker/Dockerfile:{stage.line}: FROM {stage.base}"
    if "$" in image:
        return [f"{where}: the base image comes from an ARG without a default"]
    if ":" not in image.rsplit("/", 1)[-1]:
        return [f"{where}: the base image has no tag; pin one (e.g. eclipse-temurin:17-jre-noble)"]
    if image.endswith(":latest"):
        return [f"{where}: 'latest' is not a pinned tag"]
    return []


def check_instructions(stage):
    problems = []
    has_pipefail = False
    for instruction in stage.instructions:
        text = instruction.arguments
        if instruction.keyword == "ADD":
            problems.append(f"{instruction.where()}: use COPY (ADD fetches URLs and unpacks archives implicitly)")
        if instruction.keyword == "SHELL":
            has_pipefail = "pipefail" in text
        if instruction.keyword != "RUN":
            continue
        if re.search(r"(?<!\|)\|(?!\|)", text) and not has_pipefail:
            problems.append(f"{instruction.where()}: a pipe in RUN needs SHELL [\"/bin/bash\", \"-o\", "
                            "\"pipefail\", \"-c\"] first, or a failure before the last command goes unnoticed")
        if re.search(r"\bapt-get\s+install\b", text):
            if not re.search(r"(\s-y\b|--yes\b|--assume-yes\b)", text):
                problems.append(f"{instruction.where()}: apt-get install without -y waits for an answer")
            if "--no-install-recommends" not in text:
                problems.append(f"{instruction.where()}: apt-get install without --no-install-recommends")
            if "rm -rf /var/lib/apt/lists" not in text:
                problems.append(f"{instruction.where()}: remove /var/lib/apt/lists in the same RUN as the install")
        if re.search(r"\bapt-get\s+(dist-)?upgrade\b", text):
            problems.append(f"{instruction.where()}: no apt-get upgrade in an image build; update the base image")
        if re.search(r"(^|&&|;)\s*cd\s", text):
            problems.append(f"{instruction.where()}: use WORKDIR instead of cd")
        if re.search(r"\bsudo\b", text):
            problems.append(f"{instruction.where()}: no sudo in an image build")
    return problems


def check_runtime_image(image):
    problems = []
    users = image.instructions("USER")
    if not users or users[-1].arguments.split(":")[0] in ("root", "0"):
        problems.append(f"stage {image.name} runs as root: end with USER and a non-root user")
    healthchecks = image.instructions("HEALTHCHECK")
    if not healthchecks:
        problems.append(f"stage {image.name} has no HEALTHCHECK (write HEALTHCHECK NONE with the reason if "
                        "there is nothing to ask)")
    if image.name == API_SERVICE and (not healthchecks or "/actuator/health" not in healthchecks[-1].arguments):
        problems.append(f"stage {image.name}: its HEALTHCHECK must ask /actuator/health")
    entrypoints = image.instructions("ENTRYPOINT")
    if not entrypoints or not entrypoints[-1].arguments.startswith("["):
        problems.append(f"stage {image.name}: ENTRYPOINT must be in exec form ([\"java\", ...]) so that the JVM "
                        "is PID 1 and receives SIGTERM")
    env = image.env()
    jvm_options = env.get("JAVA_TOOL_OPTIONS", "")
    if "MaxRAMPercentage" not in jvm_options:
        problems.append(f"stage {image.name}: JAVA_TOOL_OPTIONS must size the heap from the container limit "
                        "(-XX:MaxRAMPercentage)")
    if re.search(r"-Xmx|-XX:MaxHeapSize", jvm_options):
        problems.append(f"stage {image.name}: a fixed -Xmx ignores the container's memory limit")
    if env.get("DJL_OFFLINE") != "true":
        problems.append(f"stage {image.name}: DJL_OFFLINE=true is missing (DJL must never download natives)")
    if not env.get("DJL_CACHE_DIR"):
        problems.append(f"stage {image.name}: DJL_CACHE_DIR must point inside the image")
    return problems


def check_gpu_image(image, stages, pytorch_version):
    problems = []
    env = image.env()
    expected = {"PYTORCH_VERSION": pytorch_version, "PYTORCH_FLAVOR": "cu128"}
    for key, value in expected.items():
        if env.get(key) != value:
            problems.append(f"stage {image.name}: {key} is {env.get(key)!r}, expected {value!r} "
                            f"(pom.xml's pytorch.native.version and the CUDA 12.8 build of libtorch)")
    if not env.get("PYTORCH_LIBRARY_PATH"):
        problems.append(f"stage {image.name}: PYTORCH_LIBRARY_PATH must point DJL at the CUDA libtorch")
    if not image.base_image().startswith("nvidia/cuda:12.8"):
        problems.append(f"stage {image.name}: the base image must be a CUDA 12.8 runtime, "
                        f"not {image.base_image()}")
    downloads = [i for stage in stages for i in stage.all("RUN") if "LIBTORCH_URL" in i.arguments]
    if not downloads or not all("sha256sum -c" in i.arguments for i in downloads):
        problems.append("the libtorch download must be checked with sha256sum -c against LIBTORCH_SHA256")
    url_args = [i.arguments for stage in stages for i in stage.all("ARG") if i.arguments.startswith("LIBTORCH_URL=")]
    if not url_args or f"{pytorch_version}%2Bcu128" not in url_args[0]:
        problems.append(f"ARG LIBTORCH_URL must name libtorch {pytorch_version}+cu128")
    return problems


def check_dockerignore(text):
    entries = {line.strip().rstrip("/") for line in text.splitlines() if line.strip() and not line.startswith("#")}
    needed = {".git", "**/target", "**/node_modules", "din-data", ".env"}
    return [f".dockerignore must exclude {entry}: the build context would carry host build output or state"
            for entry in sorted(needed - entries)]


# ----------------------------------------------------------------------------------------------- the compose file

def check_compose(config, stage_names):
    services = config.get("services", {})
    problems = [f"docker-compose.yml has no service {name}"
                for name in (DATABASE_SERVICE, OBJECT_STORE_SERVICE, BUCKET_SERVICE, PROXY_SERVICE)
                + PLATFORM_SERVICES if name not in services]
    if problems:
        return problems
    problems += check_database(services[DATABASE_SERVICE])
    problems += check_object_store(services[OBJECT_STORE_SERVICE], services[BUCKET_SERVICE])
    platform = {name: services[name] for name in PLATFORM_SERVICES}
    for name, service in platform.items():
        depends_on = service.get("depends_on", {})
        for needed, condition in ((DATABASE_SERVICE, "service_healthy"),
                                  (BUCKET_SERVICE, "service_completed_successfully")):
            if depends_on.get(needed, {}).get("condition") != condition:
                problems.append(f"service {name} must depend on {needed} with condition {condition}")
        problems += check_build_target(name, service, stage_names)
    problems += check_shared_state(platform)
    problems += check_no_shared_volume(services)
    problems += check_proxy(services)
    problems += check_api(services[API_SERVICE])
    for name in (CPU_WORKER_SERVICE, GPU_WORKER_SERVICE):
        problems += check_worker(name, services[name])
    problems += check_profiles(services)
    return problems


def check_database(service):
    problems = []
    if not re.fullmatch(r"postgres:17(\.\d+)?(-\w+)?", service.get("image", "")):
        problems.append(f"service {DATABASE_SERVICE}: image must be PostgreSQL 17, not {service.get('image')}")
    if ("postgres-data", "/var/lib/postgresql/data") not in volume_mounts(service):
        problems.append(f"service {DATABASE_SERVICE}: its data needs the named volume postgres-data")
    if "pg_isready" not in " ".join(service.get("healthcheck", {}).get("test", [])):
        problems.append(f"service {DATABASE_SERVICE}: the health check must ask pg_isready")
    return problems


def check_object_store(store, bucket):
    """MinIO from its official image, pinned, with its data in a volume and a health check; a one-shot service that
    creates the bucket once MinIO is healthy."""
    problems = []
    if not re.fullmatch(r"minio/minio:RELEASE\.[0-9TZ:-]+", store.get("image", "")):
        problems.append(f"service {OBJECT_STORE_SERVICE}: image must be a pinned release of minio/minio, "
                        f"not {store.get('image')}")
    if ("minio-data", "/data") not in volume_mounts(store):
        problems.append(f"service {OBJECT_STORE_SERVICE}: its data needs the named volume minio-data at /data")
    if not store.get("healthcheck", {}).get("test"):
        problems.append(f"service {OBJECT_STORE_SERVICE} needs a health check")
    if not re.fullmatch(r"minio/mc:RELEASE\.[0-9TZ:-]+", bucket.get("image", "")):
        problems.append(f"service {BUCKET_SERVICE}: image must be a pinned release of minio/mc, "
                        f"not {bucket.get('image')}")
    if bucket.get("depends_on", {}).get(OBJECT_STORE_SERVICE, {}).get("condition") != "service_healthy":
        problems.append(f"service {BUCKET_SERVICE} must wait for {OBJECT_STORE_SERVICE} to be healthy")
    if "mc mb --ignore-existing" not in " ".join(map(str, bucket.get("command", []))):
        problems.append(f"service {BUCKET_SERVICE} must create the bucket with `mc mb --ignore-existing` "
                        "(a second start must not fail)")
    if str(bucket.get("restart", "no")) != "no":
        problems.append(f"service {BUCKET_SERVICE} runs once: restart must be \"no\"")
    return problems


def check_build_target(name, service, stage_names):
    build = service.get("build")
    if build is None:
        return [f"service {name} has no build section"]
    if build.get("target") not in stage_names:
        return [f"service {name} builds target {build.get('target')!r}, which docker/Dockerfile lacks"]
    return []


def check_shared_state(platform):
    """The API and every worker see one database and one artifact store: the same S3 bucket."""
    problems = []
    urls = {name: service.get("environment", {}).get("SPRING_DATASOURCE_URL") for name, service in platform.items()}
    if len(set(urls.values())) != 1 or None in urls.values():
        problems.append(f"the API and the workers must share one SPRING_DATASOURCE_URL: {urls}")
    stores = {name: tuple(service.get("environment", {}).get(key) for key in ARTIFACT_STORE_ENV)
              for name, service in platform.items()}
    if len(set(stores.values())) != 1 or next(iter(stores.values()))[0] != "s3":
        problems.append(f"the API and the workers must share one S3 artifact store ({', '.join(ARTIFACT_STORE_ENV)}"
                        f"): {stores}")
    return problems


def check_no_shared_volume(services):
    """No volume or directory mounted into two services: each could then not run on a host of its own."""
    mounted_by = {}
    for name, service in services.items():
        for source, _ in volume_mounts(service):
            mounted_by.setdefault(source, []).append(name)
    return [f"{source} is mounted by {', '.join(names)}: services share state only through PostgreSQL and the "
            "bucket, so that each can run on another host"
            for source, names in sorted(mounted_by.items()) if len(names) > 1]


def check_proxy(services):
    """The reverse proxy is the only published port, so that the API can run as several replicas."""
    problems = []
    proxy = services[PROXY_SERVICE]
    if not re.fullmatch(r"nginx:\d+\.\d+(\.\d+)?(-\w+)?", proxy.get("image", "")):
        problems.append(f"service {PROXY_SERVICE}: image must be a pinned nginx release, not {proxy.get('image')}")
    if 8080 not in container_ports(proxy):
        problems.append(f"service {PROXY_SERVICE} must publish container port 8080")
    if not any(target == "/etc/nginx/conf.d/default.conf" and source.endswith("docker/nginx.conf")
               for source, target in volume_mounts(proxy)):
        problems.append(f"service {PROXY_SERVICE} must mount docker/nginx.conf as /etc/nginx/conf.d/default.conf")
    if proxy.get("depends_on", {}).get(API_SERVICE, {}).get("condition") != "service_healthy":
        problems.append(f"service {PROXY_SERVICE} must wait for {API_SERVICE} to be healthy")
    for name, service in services.items():
        if name != PROXY_SERVICE and service.get("ports"):
            problems.append(f"service {name} publishes ports: only the {PROXY_SERVICE} may (a published port "
                            "cannot be shared by replicas, and the database and the bucket stay private)")
    return problems


def check_api(service):
    problems = []
    if str(service.get("environment", {}).get("DIN_WORKER_EMBEDDED")).lower() != "false":
        problems.append(f"service {API_SERVICE}: DIN_WORKER_EMBEDDED must be false (the workers train the runs)")
    if "8080" not in [str(port) for port in service.get("expose", [])]:
        problems.append(f"service {API_SERVICE} must expose port 8080 to the proxy")
    return problems


def check_worker(name, service):
    problems = []
    env = service.get("environment", {})
    expected_device = "GPU" if name == GPU_WORKER_SERVICE else "CPU"
    if env.get("DIN_WORKER_DEVICE") != expected_device:
        problems.append(f"service {name}: DIN_WORKER_DEVICE must be {expected_device}")
    if "replicas" not in service.get("deploy", {}):
        problems.append(f"service {name}: the replica count must be a setting (deploy.replicas)")
    shutdown = seconds(env.get("DIN_WORKER_SHUTDOWN_TIMEOUT", "60s"))
    grace = seconds(service.get("stop_grace_period", "10s"))
    if grace <= shutdown:
        problems.append(f"service {name}: stop_grace_period ({grace:g}s) must exceed DIN_WORKER_SHUTDOWN_TIMEOUT "
                        f"({shutdown:g}s), or Docker kills a stopping worker mid-step")
    heartbeat = seconds(env.get("DIN_WORKER_HEARTBEAT_INTERVAL", "10s"))
    lease = seconds(env.get("DIN_WORKER_LEASE_DURATION", "60s"))
    if heartbeat >= lease:
        problems.append(f"service {name}: DIN_WORKER_HEARTBEAT_INTERVAL must be shorter than the lease")
    return problems


def check_profiles(services):
    problems = []
    for name, service in services.items():
        profiles = service.get("profiles", [])
        if name == GPU_WORKER_SERVICE and profiles != ["gpu"]:
            problems.append(f"service {name} must be in the gpu profile only, not {profiles}")
        if name != GPU_WORKER_SERVICE and profiles:
            problems.append(f"service {name} must start with a plain `docker compose up` (no profile)")
    devices = (services[GPU_WORKER_SERVICE].get("deploy", {}).get("resources", {})
               .get("reservations", {}).get("devices", []))
    if not any(d.get("driver") == "nvidia" and "gpu" in d.get("capabilities", []) for d in devices):
        problems.append(f"service {GPU_WORKER_SERVICE} must reserve NVIDIA GPUs "
                        "(deploy.resources.reservations.devices: driver nvidia, capabilities [gpu])")
    return problems


def volume_mounts(service):
    """(source, target) of each volume, from the short syntax of docker-compose 1.x or the long one of 2.x."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            mounts.append((volume.get("source"), volume.get("target")))
        else:
            source, target = str(volume).split(":")[:2]
            mounts.append((source, target))
    return mounts


def container_ports(service):
    """The container side of each published port, from either syntax."""
    ports = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.append(int(port["target"]))
        else:
            ports.append(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    return ports


def seconds(duration):
    """A Compose or Spring duration (90s, 2m, 1m30s, 500ms) in seconds."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(duration))
    if not parts:
        raise ValueError(f"not a duration: {duration!r}")
    return sum(float(amount) * units[unit] for amount, unit in parts)


# ----------------------------------------------------------------------------------------- settings and their doc

VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}")
DOC_ROW = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*`([^`]*)`\s*\|")


def check_settings(compose_text, doc_text):
    """Every setting of the compose file has a default, and docs/compose.md documents it with that default."""
    problems = []
    defaults = {}
    for match in VARIABLE.finditer(compose_text):
        name, rest = match.groups()
        if not rest.startswith(":-"):
            problems.append(f"docker-compose.yml: ${{{name}{rest}}} needs a default (${{{name}:-...}})")
            continue
        default = rest[2:]
        if defaults.setdefault(name, default) != default:
            problems.append(f"docker-compose.yml: {name} has two defaults, {defaults[name]!r} and {default!r}")
    documented = dict(m.groups() for m in map(DOC_ROW.match, doc_text.splitlines()) if m)
    for name, default in sorted(defaults.items()):
        if name not in documented:
            problems.append(f"docs/compose.md does not document the setting {name} (default {default!r})")
        elif documented[name] != default:
            problems.append(f"docs/compose.md gives {name} the default {documented[name]!r}, "
                            f"docker-compose.yml {default!r}")
    for name in sorted(set(documented) - set(defaults)):
        problems.append(f"docs/compose.md documents {name}, which docker-compose.yml does not read")
    return problems


# ------------------------------------------------------------------------------------ settings the platform reads

CONFIGURATION_PROPERTIES = re.compile(r'@ConfigurationProperties\((?:prefix\s*=\s*|value\s*=\s*)?"([^"]+)"\)')


def platform_properties():
    """Every din.* property the platform binds: the components of its @ConfigurationProperties records, and the
    keys of its application*.properties files."""
    properties = set()
    for source in ROOT.glob("*/src/main/java/**/*.java"):
        text = source.read_text()
        for match in CONFIGURATION_PROPERTIES.finditer(text):
            header = re.compile(r"\brecord\s+\w+\s*\(").search(text, match.end())
            if header:
                properties |= record_properties(text, match.group(1), header.end())
    for resources in ROOT.glob("*/src/main/resources/application*.properties"):
        for line in resources.read_text().splitlines():
            key = line.split("=", 1)[0].strip()
            if key.startswith("din."):
                properties.add(key)
    return properties


def record_properties(text, prefix, start):
    """The properties a record binds under prefix; a component whose type is a record declared in the same file
    (a nested group such as din.artifacts.s3) binds that record's components under its own name."""
    properties = set()
    for type_name, name in record_components_typed(text, start):
        nested = re.compile(r"\brecord\s+" + re.escape(type_name) + r"\s*\(").search(text)
        if nested:
            properties |= record_properties(text, f"{prefix}.{kebab(name)}", nested.end())
        else:
            properties.add(f"{prefix}.{kebab(name)}")
    return properties


def record_components_typed(text, start):
    """(simple type name, component name) of each component of a record header beginning at start."""
    typed = []
    for component in record_component_texts(text, start):
        words = re.findall(r"[\w.]+", re.sub(r"<[^>]*>", "", re.sub(r"@\w+(\([^)]*\))?", "", component)))
        typed.append((words[-2].rsplit(".", 1)[-1] if len(words) >= 2 else "", words[-1]))
    return typed


def record_components(text, start):
    """The component names of a record header whose parameter list begins at start (annotations may nest)."""
    return [name for _, name in record_components_typed(text, start)]


def record_component_texts(text, start):
    """The text of each component of a record header whose parameter list begins at start."""
    depth, current, components = 1, [], []
    for character in text[start:]:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                break
        if character == "," and depth == 1:
            components.append("".join(current))
            current = []
        else:
            current.append(character)
    components.append("".join(current))
    return [component for component in components if component.strip()]


def kebab(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def environment_names(properties):
    """Spring's environment-variable forms of each property: DIN_WORKER_LEASEDURATION and DIN_WORKER_LEASE_DURATION."""
    names = set()
    for name in properties:
        upper = name.upper().replace(".", "_")
        names |= {upper.replace("-", ""), upper.replace("-", "_")}
    return names


def check_property_names(config, dockerfile, properties):
    """A misspelt variable is silently ignored by Spring: every DIN_ variable the stack sets must bind."""
    known = environment_names(properties)
    set_by = {}
    for name, service in config.get("services", {}).items():
        for variable in service.get("environment", {}):
            set_by.setdefault(variable, f"service {name}")
    for stage in parse_dockerfile(dockerfile):
        for instruction in stage.all("ENV"):
            for variable in env_pairs(instruction):
                set_by.setdefault(variable, f"docker/Dockerfile:{instruction.line}")
    return [f"{where} sets {variable}, which binds to no din.* property of the platform (misspelt?)"
            for variable, where in sorted(set_by.items())
            if variable.startswith("DIN_") and variable not in known]


# ---------------------------------------------------------------------------------------------------------- main

def pytorch_native_version():
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ElementTree.parse(PARENT_POM).find("m:properties/m:pytorch.native.version", namespace).text


def check_all(config, dockerfile, dockerignore, compose_text, doc_text):
    return (check_dockerfile(dockerfile, dockerignore, pytorch_native_version())
            + check_compose(config, {stage.name for stage in parse_dockerfile(dockerfile)})
            + check_property_names(config, dockerfile, platform_properties())
            + check_settings(compose_text, doc_text))


def inputs(resolved_compose_path):
    return (yaml.safe_load(Path(resolved_compose_path).read_text()), DOCKERFILE.read_text(),
            DOCKERIGNORE.read_text(), COMPOSE_FILE.read_text(), COMPOSE_DOC.read_text())


def self_test(resolved_compose_path):
    """Breaks the real inputs one way at a time and expects the matching rule to say so."""
    config, dockerfile, dockerignore, compose_text, doc_text = inputs(resolved_compose_path)
    assert check_all(config, dockerfile, dockerignore, compose_text, doc_text) == [], "the real inputs must pass"

    def broken_config(edit):
        copy = yaml.safe_load(yaml.safe_dump(config))
        edit(copy["services"])
        return copy

    cases = {
        "untagged base image": (dict(dockerfile=dockerfile.replace("ARG DOWNLOAD_IMAGE=ubuntu:24.04",
                                                                   "ARG DOWNLOAD_IMAGE=ubuntu")), "has no tag"),
        "ADD of a URL": (dict(dockerfile=dockerfile + "\nADD https://example.org/x /x\n"), "use COPY"),
        "root user": (dict(dockerfile=dockerfile.replace("USER din\nRUN java", "USER root\nRUN java", 1)),
                      "runs as root"),
        "no health check": (dict(dockerfile=re.sub(r"HEALTHCHECK --interval.*?\|\| exit 1\n", "", dockerfile,
                                                   flags=re.S)), "has no HEALTHCHECK"),
        "fixed heap": (dict(dockerfile=dockerfile.replace("-XX:MaxRAMPercentage=60.0", "-Xmx2g")),
                       "MaxRAMPercentage"),
        "DJL online": (dict(dockerfile=dockerfile.replace("DJL_OFFLINE=true", "DJL_OFFLINE=false")),
                       "DJL_OFFLINE"),
        "wrong libtorch": (dict(dockerfile=dockerfile.replace("PYTORCH_FLAVOR=cu128", "PYTORCH_FLAVOR=cu126")),
                           "PYTORCH_FLAVOR"),
        "apt lists kept": (dict(dockerfile=dockerfile.replace("&& rm -rf /var/lib/apt/lists/*", "", 1)),
                           "/var/lib/apt/lists"),
        "no warm-up": (dict(dockerfile=dockerfile.replace("io.dinplatform.docker.EngineWarmup", "Nothing")),
                       "never runs EngineWarmup"),
        "target in context": (dict(dockerignore=dockerignore.replace("**/target\n", "")), "**/target"),
        "API with embedded worker": (dict(config=broken_config(
            lambda s: s[API_SERVICE]["environment"].update(DIN_WORKER_EMBEDDED="true"))), "DIN_WORKER_EMBEDDED"),
        "worker starts before the database": (dict(config=broken_config(
            lambda s: s[CPU_WORKER_SERVICE]["depends_on"][DATABASE_SERVICE].update(condition="service_started"))),
            "service_healthy"),
        "separate artifact stores": (dict(config=broken_config(
            lambda s: s[CPU_WORKER_SERVICE]["environment"].update(DIN_ARTIFACTS_S3_BUCKET="elsewhere"))),
            "one S3 artifact store"),
        "a directory store": (dict(config=broken_config(
            lambda s: [s[name]["environment"].update(DIN_ARTIFACTS_TYPE="filesystem") for name in PLATFORM_SERVICES])),
            "one S3 artifact store"),
        "a shared volume": (dict(config=broken_config(
            lambda s: [s[name].update(volumes=["artifacts:/var/lib/din/artifacts"])
                       for name in (API_SERVICE, CPU_WORKER_SERVICE)])), "is mounted by"),
        "worker starts before the bucket exists": (dict(config=broken_config(
            lambda s: s[CPU_WORKER_SERVICE]["depends_on"].pop(BUCKET_SERVICE))), "service_completed_successfully"),
        "API published beside the proxy": (dict(config=broken_config(
            lambda s: s[API_SERVICE].update(ports=["127.0.0.1:8081:8080/tcp"]))), "only the proxy"),
        "unpinned MinIO": (dict(config=broken_config(
            lambda s: s[OBJECT_STORE_SERVICE].update(image="minio/minio:latest"))), "pinned release of minio/minio"),
        "bucket created only once": (dict(config=broken_config(
            lambda s: s[BUCKET_SERVICE].update(command=["mc mb din/din-artifacts"]))), "--ignore-existing"),
        "GPU worker without profile": (dict(config=broken_config(
            lambda s: s[GPU_WORKER_SERVICE].pop("profiles"))), "gpu profile"),
        "GPU worker without GPUs": (dict(config=broken_config(
            lambda s: s[GPU_WORKER_SERVICE]["deploy"]["resources"].pop("reservations"))), "reserve NVIDIA"),
        "short grace period": (dict(config=broken_config(
            lambda s: s[CPU_WORKER_SERVICE].update(stop_grace_period="30s"))), "stop_grace_period"),
        "misspelt property": (dict(config=broken_config(
            lambda s: s[CPU_WORKER_SERVICE]["environment"].update(DIN_WORKER_LEASE_DURATON="60s"))),
            "DIN_WORKER_LEASE_DURATON"),
        "setting without default": (dict(compose_text=compose_text.replace("${CPU_WORKERS:-2}", "${CPU_WORKERS}")),
                                    "needs a default"),
        "undocumented default": (dict(compose_text=compose_text.replace("${CPU_WORKERS:-2}", "${CPU_WORKERS:-3}")),
                                 "gives CPU_WORKERS the default"),
    }
    failures = []
    for case, (changes, expected) in cases.items():
        arguments = dict(config=config, dockerfile=dockerfile, dockerignore=dockerignore,
                         compose_text=compose_text, doc_text=doc_text) | changes
        if arguments == dict(config=config, dockerfile=dockerfile, dockerignore=dockerignore,
                             compose_text=compose_text, doc_text=doc_text):
            failures.append(f"{case}: the test did not change anything (the input it edits has moved)")
            continue
        problems = check_all(**arguments)
        if not any(expected in problem for problem in problems):
            failures.append(f"{case}: expected a problem mentioning {expected!r}, got {problems}")
    return failures, len(cases)


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        failures, count = self_test(argv[2])
        for failure in failures:
            print(f"SELF-TEST FAILED: {failure}", file=sys.stderr)
        print(f"check_stack self-test: {count - len(failures)} passed, {len(failures)} failed")
        return 1 if failures else 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check_all(*inputs(argv[1]))
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    print(f"check_stack: {len(problems)} problem(s) in docker/Dockerfile, docker-compose.yml and docs/compose.md")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
