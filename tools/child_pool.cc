#include "tools/child_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace telsim {

namespace {
using Clock = std::chrono::steady_clock;

struct Child {
  pid_t pid;
  int fd;
  size_t index;
  std::string data;
  Clock::time_point started;
};

void write_all(int fd, const std::string& text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

Child start(size_t index, const std::function<std::string(size_t)>& work) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    write_all(fds[1], work(index));
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  return Child{pid, fds[0], index, {}, Clock::now()};
}

ChildResult finish(Child& c, bool timed_out) {
  close(c.fd);
  int status = 0;
  waitpid(c.pid, &status, 0);
  ChildResult r;
  r.index = c.index;
  r.output = std::move(c.data);
  r.seconds = std::chrono::duration<double>(Clock::now() - c.started).count();
  r.timed_out = timed_out;
  if (timed_out) {
    r.why = "timeout";
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
    r.why = "signal " + std::to_string(r.signal);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    r.exit_status = WEXITSTATUS(status);
    r.why = "exit status " + std::to_string(r.exit_status);
  } else {
    r.ok = true;
  }
  return r;
}
}  // namespace

void run_in_children(size_t count, int jobs, double timeout, const std::function<std::string(size_t)>& work,
                     const std::function<void(ChildResult&&)>& done) {
  std::vector<Child> running;
  size_t next = 0;
  jobs = std::max(1, jobs);
  while (next < count || !running.empty()) {
    while (static_cast<int>(running.size()) < jobs && next < count) running.push_back(start(next++, work));
    std::vector<pollfd> polls;
    for (const Child& c : running) polls.push_back(pollfd{c.fd, POLLIN, 0});
    poll(polls.data(), polls.size(), 200);
    for (size_t i = 0; i < running.size();) {
      Child& c = running[i];
      bool ended = false;
      if (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        ssize_t n = read(c.fd, buf, sizeof buf);
        if (n > 0) c.data.append(buf, static_cast<size_t>(n));
        else ended = true;
      }
      bool timed_out = !ended && std::chrono::duration<double>(Clock::now() - c.started).count() > timeout;
      if (timed_out) kill(c.pid, SIGKILL);
      if (!ended && !timed_out) {
        ++i;
        continue;
      }
      done(finish(c, timed_out));
      running.erase(running.begin() + static_cast<long>(i));
      polls.erase(polls.begin() + static_cast<long>(i));
    }
  }
}

}  // namespace telsim
