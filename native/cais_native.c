// cais_native: the few Linux calls Node lacks (mknod, extended attributes,
// mount), as synchronous N-API functions. Each throws an Error whose `code`
// is the errno name (e.g. "EPERM"), like Node's own fs errors. No policy
// lives here: callers in src/sys and above decide what to call and when.
#include <node_api.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    if ((call) != napi_ok) return NULL;                                        \
  } while (0)

// Throws an Error like Node's: message "EPERM: operation not permitted,
// mknod '/x'", with properties code, errno, syscall and path. `detail` (may
// be NULL) is appended, e.g. the kernel's own message for fsconfig errors.
static napi_value throw_errno(napi_env env, int err, const char *syscall,
                              const char *path, const char *detail) {
  const char *name = strerrorname_np(err);
  if (name == NULL) name = "UNKNOWN";
  char message[1024];
  snprintf(message, sizeof message, "%s: %s, %s%s%s%s%s%s", name,
           strerror(err), syscall, path ? " '" : "", path ? path : "",
           path ? "'" : "", detail ? ": " : "", detail ? detail : "");
  napi_value code, msg, error, value;
  CHECK(napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code));
  CHECK(napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg));
  CHECK(napi_create_error(env, code, msg, &error));
  CHECK(napi_create_int32(env, -err, &value));
  CHECK(napi_set_named_property(env, error, "errno", value));
  CHECK(napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &value));
  CHECK(napi_set_named_property(env, error, "syscall", value));
  if (path != NULL) {
    CHECK(napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &value));
    CHECK(napi_set_named_property(env, error, "path", value));
  }
  napi_throw(env, error);
  return NULL;
}

// Copies a JS string argument into a fresh C string (free() it). Refuses
// embedded NUL bytes, which C would silently cut the path at. With
// `nullable`, null/undefined give *out = NULL.
static int get_string(napi_env env, napi_value value, const char *what,
                      int nullable, char **out) {
  napi_valuetype type;
  *out = NULL;
  if (napi_typeof(env, value, &type) != napi_ok) return 0;
  if (nullable && (type == napi_null || type == napi_undefined)) return 1;
  if (type != napi_string) {
    char message[128];
    snprintf(message, sizeof message, "%s must be a string", what);
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
    return 0;
  }
  size_t len;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return 0;
  char *buf = malloc(len + 1);
  if (buf == NULL) {
    napi_throw_error(env, "ENOMEM", "out of memory");
    return 0;
  }
  if (napi_get_value_string_utf8(env, value, buf, len + 1, &len) != napi_ok) {
    free(buf);
    return 0;
  }
  if (strlen(buf) != len) {
    char message[128];
    snprintf(message, sizeof message, "%s must not contain null bytes", what);
    napi_throw_type_error(env, "ERR_INVALID_ARG_VALUE", message);
    free(buf);
    return 0;
  }
  *out = buf;
  return 1;
}

static int get_uint(napi_env env, napi_value value, const char *what,
                    unsigned long max, unsigned long *out) {
  int64_t n;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok) return 0;
  if (type != napi_number || napi_get_value_int64(env, value, &n) != napi_ok ||
      n < 0 || (uint64_t)n > max) {
    char message[128];
    snprintf(message, sizeof message, "%s must be an integer in 0..%lu", what, max);
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", message);
    return 0;
  }
  *out = (unsigned long)n;
  return 1;
}

static int get_args(napi_env env, napi_callback_info info, size_t want,
                    napi_value *argv) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc < want) {
    napi_throw_type_error(env, "ERR_MISSING_ARGS", "missing arguments");
    return 0;
  }
  return 1;
}

static napi_value undefined(napi_env env) {
  napi_value result;
  CHECK(napi_get_undefined(env, &result));
  return result;
}

// mknod(path, mode, major, minor)
static napi_value js_mknod(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  char *path = NULL;
  unsigned long mode, major, minor;
  if (!get_args(env, info, 4, argv) || !get_string(env, argv[0], "path", 0, &path))
    return NULL;
  napi_value result = NULL;
  if (get_uint(env, argv[1], "mode", 0xffffffffUL, &mode) &&
      get_uint(env, argv[2], "major", 0xfffUL, &major) &&
      get_uint(env, argv[3], "minor", 0xfffffUL, &minor)) {
    if (mknod(path, (mode_t)mode, makedev(major, minor)) != 0)
      throw_errno(env, errno, "mknod", path, NULL);
    else
      result = undefined(env);
  }
  free(path);
  return result;
}

// lsetxattr(path, name, value: Buffer, flags)
static napi_value js_lsetxattr(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  char *path = NULL, *name = NULL;
  napi_value result = NULL;
  if (!get_args(env, info, 4, argv)) return NULL;
  if (get_string(env, argv[0], "path", 0, &path) &&
      get_string(env, argv[1], "name", 0, &name)) {
    bool is_buffer = false;
    void *data;
    size_t len;
    unsigned long flags;
    napi_is_buffer(env, argv[2], &is_buffer);
    if (!is_buffer) {
      napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "value must be a Buffer");
    } else if (napi_get_buffer_info(env, argv[2], &data, &len) == napi_ok &&
               get_uint(env, argv[3], "flags", 0xffffffffUL, &flags)) {
      if (lsetxattr(path, name, data, len, (int)flags) != 0)
        throw_errno(env, errno, "lsetxattr", path, NULL);
      else
        result = undefined(env);
    }
  }
  free(path);
  free(name);
  return result;
}

// lgetxattr(path, name) -> Buffer | null (null when the attribute is absent)
static napi_value js_lgetxattr(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  char *path = NULL, *name = NULL;
  napi_value result = NULL;
  if (!get_args(env, info, 2, argv)) return NULL;
  if (get_string(env, argv[0], "path", 0, &path) &&
      get_string(env, argv[1], "name", 0, &name)) {
    // The value can change between the size query and the read: retry on ERANGE.
    for (;;) {
      ssize_t size = lgetxattr(path, name, NULL, 0);
      if (size < 0) {
        if (errno == ENODATA) napi_get_null(env, &result);
        else throw_errno(env, errno, "lgetxattr", path, NULL);
        break;
      }
      char *buf = malloc(size > 0 ? (size_t)size : 1);
      if (buf == NULL) {
        napi_throw_error(env, "ENOMEM", "out of memory");
        break;
      }
      ssize_t got = lgetxattr(path, name, buf, (size_t)size);
      if (got < 0 && errno == ERANGE) {
        free(buf);
        continue;
      }
      if (got < 0) {
        if (errno == ENODATA) napi_get_null(env, &result);
        else throw_errno(env, errno, "lgetxattr", path, NULL);
      } else {
        void *copy;
        napi_create_buffer_copy(env, (size_t)got, buf, &copy, &result);
      }
      free(buf);
      break;
    }
  }
  free(path);
  free(name);
  return result;
}

// llistxattr(path) -> string[]
static napi_value js_llistxattr(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  char *path = NULL;
  napi_value result = NULL;
  if (!get_args(env, info, 1, argv) || !get_string(env, argv[0], "path", 0, &path))
    return NULL;
  for (;;) {
    ssize_t size = llistxattr(path, NULL, 0);
    if (size < 0) {
      throw_errno(env, errno, "llistxattr", path, NULL);
      break;
    }
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL) {
      napi_throw_error(env, "ENOMEM", "out of memory");
      break;
    }
    ssize_t got = llistxattr(path, buf, (size_t)size);
    if (got < 0) {
      int err = errno;
      free(buf);
      if (err == ERANGE) continue;
      throw_errno(env, err, "llistxattr", path, NULL);
      break;
    }
    // The list is NUL-terminated names back to back.
    napi_create_array(env, &result);
    uint32_t index = 0;
    for (ssize_t off = 0; off < got;) {
      size_t len = strnlen(buf + off, (size_t)(got - off));
      napi_value name;
      napi_create_string_utf8(env, buf + off, len, &name);
      napi_set_element(env, result, index++, name);
      off += (ssize_t)len + 1;
    }
    free(buf);
    break;
  }
  free(path);
  return result;
}

// mount(source | null, target, fstype | null, flags, data | null)
static napi_value js_mount(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  char *source = NULL, *target = NULL, *fstype = NULL, *data = NULL;
  unsigned long flags;
  napi_value result = NULL;
  if (!get_args(env, info, 5, argv)) return NULL;
  if (get_string(env, argv[0], "source", 1, &source) &&
      get_string(env, argv[1], "target", 0, &target) &&
      get_string(env, argv[2], "fstype", 1, &fstype) &&
      get_uint(env, argv[3], "flags", 0xffffffffUL, &flags) &&
      get_string(env, argv[4], "data", 1, &data)) {
    if (mount(source, target, fstype, flags, data) != 0)
      throw_errno(env, errno, "mount", target, NULL);
    else
      result = undefined(env);
  }
  free(source);
  free(target);
  free(fstype);
  free(data);
  return result;
}

// umount2(target, flags)
static napi_value js_umount2(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  char *target = NULL;
  unsigned long flags;
  napi_value result = NULL;
  if (!get_args(env, info, 2, argv) || !get_string(env, argv[0], "target", 0, &target))
    return NULL;
  if (get_uint(env, argv[1], "flags", 0xffffffffUL, &flags)) {
    if (umount2(target, (int)flags) != 0)
      throw_errno(env, errno, "umount2", target, NULL);
    else
      result = undefined(env);
  }
  free(target);
  return result;
}

// Reads the messages the kernel queued on an fsopen() fd (e.g. "e overlay:
// failed to resolve 'x'") into buf, separated by "; ".
static void read_fs_log(int fd, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (;;) {
    char line[512];
    ssize_t n = read(fd, line, sizeof line - 1);
    if (n <= 0) break;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' ')) n--;
    line[n] = '\0';
    int written = snprintf(buf + used, size - used, "%s%s", used ? "; " : "", line);
    if (written < 0 || (size_t)written >= size - used) break;
    used += (size_t)written;
  }
}

// fsMount(fstype, config: [key, value | null][], target, attrFlags): the new
// mount API (fsopen, fsconfig, fsmount, move_mount). Unlike mount(2) its
// options are not limited to one page, so overlayfs can take any number of
// "lowerdir+" layers (Linux 6.8+). A null value sets a flag option.
static napi_value js_fs_mount(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  char *fstype = NULL, *target = NULL, *key = NULL, *value = NULL;
  unsigned long attr_flags;
  uint32_t count;
  bool is_array = false;
  int fsfd = -1, mfd = -1;
  napi_value result = NULL;
  char detail[1024] = "";
  if (!get_args(env, info, 4, argv)) return NULL;
  if (!get_string(env, argv[0], "fstype", 0, &fstype) ||
      !get_string(env, argv[2], "target", 0, &target) ||
      !get_uint(env, argv[3], "attrFlags", 0xffffffffUL, &attr_flags))
    goto out;
  napi_is_array(env, argv[1], &is_array);
  if (!is_array) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "config must be an array");
    goto out;
  }
  fsfd = fsopen(fstype, FSOPEN_CLOEXEC);
  if (fsfd < 0) {
    throw_errno(env, errno, "fsopen", fstype, NULL);
    goto out;
  }
  napi_get_array_length(env, argv[1], &count);
  for (uint32_t i = 0; i < count; i++) {
    napi_value pair, k, v;
    bool pair_is_array = false;
    uint32_t pair_len = 0;
    if (napi_get_element(env, argv[1], i, &pair) != napi_ok) goto out;
    napi_is_array(env, pair, &pair_is_array);
    if (pair_is_array) napi_get_array_length(env, pair, &pair_len);
    if (pair_len != 2) {
      napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "config entries must be [key, value]");
      goto out;
    }
    if (napi_get_element(env, pair, 0, &k) != napi_ok ||
        napi_get_element(env, pair, 1, &v) != napi_ok ||
        !get_string(env, k, "config key", 0, &key) ||
        !get_string(env, v, "config value", 1, &value))
      goto out;
    int rc = value == NULL
                 ? fsconfig(fsfd, FSCONFIG_SET_FLAG, key, NULL, 0)
                 : fsconfig(fsfd, FSCONFIG_SET_STRING, key, value, 0);
    if (rc != 0) {
      int err = errno;
      read_fs_log(fsfd, detail, sizeof detail);
      throw_errno(env, err, "fsconfig", key, detail[0] ? detail : NULL);
      goto out;
    }
    free(key);
    free(value);
    key = value = NULL;
  }
  if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != 0) {
    int err = errno;
    read_fs_log(fsfd, detail, sizeof detail);
    throw_errno(env, err, "fsconfig", target, detail[0] ? detail : NULL);
    goto out;
  }
  mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, (unsigned int)attr_flags);
  if (mfd < 0) {
    throw_errno(env, errno, "fsmount", target, NULL);
    goto out;
  }
  if (move_mount(mfd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0) {
    throw_errno(env, errno, "move_mount", target, NULL);
    goto out;
  }
  result = undefined(env);
out:
  if (mfd >= 0) close(mfd);
  if (fsfd >= 0) close(fsfd);
  free(fstype);
  free(target);
  free(key);
  free(value);
  return result;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback fn;
  } functions[] = {
      {"mknod", js_mknod},         {"lsetxattr", js_lsetxattr},
      {"lgetxattr", js_lgetxattr}, {"llistxattr", js_llistxattr},
      {"mount", js_mount},         {"umount2", js_umount2},
      {"fsMount", js_fs_mount},
  };
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    napi_value fn;
    CHECK(napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH,
                               functions[i].fn, NULL, &fn));
    CHECK(napi_set_named_property(env, exports, functions[i].name, fn));
  }
  return exports;
}
