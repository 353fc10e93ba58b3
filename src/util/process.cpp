#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <soc2scope/util/process.hpp>

extern char** environ;

namespace soc2scope::util {

Result<ProcessOutput, std::string> run_process(const std::vector<std::string>& argv,
                                               std::uint64_t max_output) {
    using R = Result<ProcessOutput, std::string>;
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) {
        return R::failure(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        return R::failure(fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)));
    }
    ProcessOutput result;
    bool truncated = false;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    char buffer[65536];
    int open_fds = 2;
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (pollfd& p : fds) {
            if (p.fd < 0 || (p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            const ssize_t got = ::read(p.fd, buffer, sizeof buffer);
            if (got <= 0) {
                ::close(p.fd);
                p.fd = -1;
                --open_fds;
                continue;
            }
            std::string& sink = p.fd == out_pipe[0] ? result.out : result.err;
            if (sink.size() + static_cast<std::size_t>(got) > max_output) {
                truncated = true;
                continue; // keep draining so the child can finish
            }
            sink.append(buffer, static_cast<std::size_t>(got));
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (truncated) {
        return R::failure(fmt::format("{} printed more than {} bytes", argv[0], max_output));
    }
    return result;
}

} // namespace soc2scope::util
