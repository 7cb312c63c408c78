// cais_native: the few Linux calls Node lacks (mknod, extended attributes,
// mount, SOCK_SEQPACKET sockets), as synchronous N-API functions, plus a
// watcher that reports when a file descriptor is ready (libuv's uv_poll). Each throws an Error whose `code`
// is the errno name (e.g. "EPERM"), like Node's own fs errors. No policy
// lives here: callers in src/sys and above decide what to call and when.
#include <node_api.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <uv.h>

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

// seqpacketConnect(path) -> fd: a non-blocking, close-on-exec AF_UNIX
// SOCK_SEQPACKET socket connected to path (Node's net module only opens
// SOCK_STREAM sockets).
static napi_value js_seqpacket_connect(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  char *path = NULL;
  napi_value result = NULL;
  if (!get_args(env, info, 1, argv) || !get_string(env, argv[0], "path", 0, &path))
    return NULL;
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof addr.sun_path) {
    throw_errno(env, ENAMETOOLONG, "connect", path, NULL);
    goto out;
  }
  strcpy(addr.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw_errno(env, errno, "socket", path, NULL);
    goto out;
  }
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    int err = errno;
    close(fd);
    throw_errno(env, err, "connect", path, NULL);
    goto out;
  }
  napi_create_int32(env, fd, &result);
out:
  free(path);
  return result;
}

// Gets an fd argument and a Buffer argument.
static int get_fd_and_buffer(napi_env env, napi_value *argv, int *fd, void **data,
                             size_t *len) {
  unsigned long value;
  bool is_buffer = false;
  if (!get_uint(env, argv[0], "fd", 0x7fffffffUL, &value)) return 0;
  *fd = (int)value;
  napi_is_buffer(env, argv[1], &is_buffer);
  if (!is_buffer) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "buffer must be a Buffer");
    return 0;
  }
  return napi_get_buffer_info(env, argv[1], data, len) == napi_ok;
}

// recv(fd, buffer) -> bytes read (one message on a SEQPACKET socket), 0 at
// end of stream, -1 when nothing is queued (EAGAIN). Never blocks.
static napi_value js_recv(napi_env env, napi_callback_info info) {
  napi_value argv[2], result = NULL;
  int fd;
  void *data;
  size_t len;
  if (!get_args(env, info, 2, argv) || !get_fd_and_buffer(env, argv, &fd, &data, &len))
    return NULL;
  ssize_t n;
  do n = recv(fd, data, len, MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno != EAGAIN) return throw_errno(env, errno, "recv", NULL, NULL);
  napi_create_int64(env, n < 0 ? -1 : n, &result);
  return result;
}

// send(fd, buffer) -> bytes sent (one message on a SEQPACKET socket), -1
// when the socket is full (EAGAIN). Never blocks nor raises SIGPIPE.
static napi_value js_send(napi_env env, napi_callback_info info) {
  napi_value argv[2], result = NULL;
  int fd;
  void *data;
  size_t len;
  if (!get_args(env, info, 2, argv) || !get_fd_and_buffer(env, argv, &fd, &data, &len))
    return NULL;
  ssize_t n;
  do n = send(fd, data, len, MSG_DONTWAIT | MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno != EAGAIN) return throw_errno(env, errno, "send", NULL, NULL);
  napi_create_int64(env, n < 0 ? -1 : n, &result);
  return result;
}

// shutdown(fd, how)
static napi_value js_shutdown(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  unsigned long fd, how;
  if (!get_args(env, info, 2, argv) || !get_uint(env, argv[0], "fd", 0x7fffffffUL, &fd) ||
      !get_uint(env, argv[1], "how", 2, &how))
    return NULL;
  if (shutdown((int)fd, (int)how) != 0) return throw_errno(env, errno, "shutdown", NULL, NULL);
  return undefined(env);
}

// A uv_poll handle and the JS callback it calls. Both the JS External (its
// finalizer) and libuv (its close callback) hold it: whichever lets go
// last frees it.
struct fd_watch {
  uv_poll_t poll;
  napi_env env;
  napi_ref callback;
  napi_async_context context;
  bool closing;   // uv_close called: no more callbacks
  bool uv_closed; // libuv is done with the handle
  bool finalized; // the External was collected
};

static void fd_watch_on_close(uv_handle_t *handle) {
  struct fd_watch *watch = handle->data;
  watch->uv_closed = true;
  if (watch->finalized) free(watch);
}

static void fd_watch_close(napi_env env, struct fd_watch *watch) {
  if (watch->closing) return;
  watch->closing = true;
  if (watch->callback != NULL) napi_delete_reference(env, watch->callback);
  if (watch->context != NULL) napi_async_destroy(env, watch->context);
  uv_close((uv_handle_t *)&watch->poll, fd_watch_on_close);
}

// The External's finalizer: a watcher dropped without fdWatchClose is
// closed now.
static void fd_watch_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  struct fd_watch *watch = data;
  watch->finalized = true;
  fd_watch_close(env, watch);
  if (watch->uv_closed) free(watch);
}

// Calls the JS callback with (errorCode | null, events) through
// napi_make_callback, so promise jobs it queues run right after it.
static void fd_watch_cb(uv_poll_t *poll, int status, int events) {
  struct fd_watch *watch = poll->data;
  napi_env env = watch->env;
  napi_handle_scope scope;
  if (watch->closing || napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value fn, recv, argv[2];
  if (napi_get_reference_value(env, watch->callback, &fn) == napi_ok && fn != NULL) {
    napi_get_global(env, &recv); // napi_make_callback wants an object
    if (status < 0)
      napi_create_string_utf8(env, uv_err_name(status), NAPI_AUTO_LENGTH, &argv[0]);
    else
      napi_get_null(env, &argv[0]);
    napi_create_int32(env, events, &argv[1]);
    napi_make_callback(env, watch->context, recv, fn, 2, argv, NULL);
  }
  napi_close_handle_scope(env, scope);
}

static int get_watch(napi_env env, napi_value value, struct fd_watch **out) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external ||
      napi_get_value_external(env, value, (void **)out) != napi_ok) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "watcher must come from fdWatch");
    return 0;
  }
  return 1;
}

// fdWatch(fd, callback(err, events)) -> watcher: a stopped uv_poll on fd.
static napi_value js_fd_watch(napi_env env, napi_callback_info info) {
  napi_value argv[2], result = NULL, name;
  unsigned long fd;
  napi_valuetype type;
  uv_loop_t *loop;
  if (!get_args(env, info, 2, argv) || !get_uint(env, argv[0], "fd", 0x7fffffffUL, &fd))
    return NULL;
  if (napi_typeof(env, argv[1], &type) != napi_ok || type != napi_function) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "callback must be a function");
    return NULL;
  }
  CHECK(napi_get_uv_event_loop(env, &loop));
  struct fd_watch *watch = calloc(1, sizeof *watch);
  if (watch == NULL) {
    napi_throw_error(env, "ENOMEM", "out of memory");
    return NULL;
  }
  int rc = uv_poll_init(loop, &watch->poll, (int)fd);
  if (rc != 0) {
    free(watch);
    return throw_errno(env, -rc, "uv_poll_init", NULL, NULL);
  }
  watch->poll.data = watch;
  watch->env = env;
  napi_create_string_utf8(env, "cais:fdWatch", NAPI_AUTO_LENGTH, &name);
  if (napi_create_reference(env, argv[1], 1, &watch->callback) != napi_ok ||
      napi_async_init(env, NULL, name, &watch->context) != napi_ok ||
      napi_create_external(env, watch, fd_watch_finalize, NULL, &result) != napi_ok) {
    watch->finalized = true; // no External owns it
    fd_watch_close(env, watch);
    return NULL;
  }
  return result;
}

// fdWatchStart(watcher, events): events is a mask of UV_READABLE (1) and
// UV_WRITABLE (2); 0 stops watching.
static napi_value js_fd_watch_start(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  struct fd_watch *watch;
  unsigned long events;
  if (!get_args(env, info, 2, argv) || !get_watch(env, argv[0], &watch) ||
      !get_uint(env, argv[1], "events", UV_READABLE | UV_WRITABLE, &events))
    return NULL;
  if (watch->closing) {
    napi_throw_error(env, "ERR_INVALID_STATE", "watcher is closed");
    return NULL;
  }
  int rc = events == 0 ? uv_poll_stop(&watch->poll)
                       : uv_poll_start(&watch->poll, (int)events, fd_watch_cb);
  if (rc != 0) return throw_errno(env, -rc, "uv_poll_start", NULL, NULL);
  return undefined(env);
}

// fdWatchClose(watcher): stops and releases the watcher (not the fd).
static napi_value js_fd_watch_close(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  struct fd_watch *watch;
  if (!get_args(env, info, 1, argv) || !get_watch(env, argv[0], &watch)) return NULL;
  fd_watch_close(env, watch);
  return undefined(env);
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
      {"seqpacketConnect", js_seqpacket_connect},
      {"recv", js_recv},           {"send", js_send},
      {"shutdown", js_shutdown},   {"fdWatch", js_fd_watch},
      {"fdWatchStart", js_fd_watch_start},
      {"fdWatchClose", js_fd_watch_close},
  };
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    napi_value fn;
    CHECK(napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH,
                               functions[i].fn, NULL, &fn));
    CHECK(napi_set_named_property(env, exports, functions[i].name, fn));
  }
  return exports;
}
