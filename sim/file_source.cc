#include "sim/file_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace telsim {

namespace {
std::optional<std::string> refuse(std::string* why, const std::string& reason) {
  if (why) *why = reason;
  return std::nullopt;
}
}  // namespace

std::optional<std::string> DiskFiles::read(const std::string& path, std::string* why) const {
  // O_NONBLOCK: opening a FIFO with no writer must not wait for one; the type is checked on the
  // open descriptor (fstat), so what is read is what was checked.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) return refuse(why, "does not exist");
    if (e == EACCES) return refuse(why, "is not readable (permission denied)");
    return refuse(why, std::string("cannot be opened: ") + std::strerror(e));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return refuse(why, "cannot be read");
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return refuse(why, "is a directory, not a file");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return refuse(why, "is not a regular file (a FIFO, a device or a socket)");
  }
  if (static_cast<unsigned long long>(st.st_size) > kMaxFileBytes) {
    ::close(fd);
    return refuse(why, "is larger than 16 MiB");
  }
  std::string text;
  text.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return refuse(why, std::string("cannot be read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    // A file that grows while it is read (or a /proc file that lies about its size) stops here.
    if (text.size() > kMaxFileBytes) {
      ::close(fd);
      return refuse(why, "is larger than 16 MiB");
    }
  }
  ::close(fd);
  return text;
}

}  // namespace telsim
