/*
 * Interleave reference client in C: N threads write framed packets on ONE TCP socket, as in the
 * article (its MustSendBuffer loop), and the Interleave verifier says which packets arrived torn.
 * Speaks wire format v1 (docs/PROTOCOL.md) with the sender report.
 *
 *   Linux/macOS:  cc -O2 -pthread -o interleave_client interleave_client.c
 *   Windows:      x86_64-w64-mingw32-gcc -O2 -o interleave_client.exe interleave_client.c -lws2_32
 *                 cl /O2 interleave_client.c ws2_32.lib
 *
 *   interleave_client HOST PORT [--threads N] [--packets N] [--size BYTES] [--way W] [--lock]
 *     ways: send (blocking send() loop until the packet is out), send-nonblocking (O_NONBLOCK /
 *     FIONBIO, poll() or select() on would-block)
 *
 * Prints one JSON line on stdout; messages go to stderr. Exit 0 done, 1 failure, 2 bad arguments.
 */
#ifdef _WIN32
#  ifndef _WIN32_WINNT
#    define _WIN32_WINNT 0x0600
#  endif
#  define _CRT_RAND_S
#  define WIN32_LEAN_AND_MEAN
#  include <winsock2.h>
#  include <ws2tcpip.h>
#  include <windows.h>
#  ifdef _MSC_VER
#    pragma comment(lib, "ws2_32.lib")
#  endif
#else
#  define _GNU_SOURCE
#  include <errno.h>
#  include <fcntl.h>
#  include <netdb.h>
#  include <netinet/in.h>
#  include <netinet/tcp.h>
#  include <poll.h>
#  include <pthread.h>
#  include <signal.h>
#  include <stdatomic.h>
#  include <sys/socket.h>
#  include <sys/time.h>
#  include <sys/types.h>
#  include <sys/utsname.h>
#  include <time.h>
#  include <unistd.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HELLO_MAGIC 0x494C5648u  /* "ILVH" */
#define FRAME_MAGIC 0x494C5646u  /* "ILVF" */
#define REPORT_MAGIC 0x494C5652u /* "ILVR" */
#define BACK_MAGIC 0x494C5642u   /* "ILVB" */
#define WORD_SALT 0x9E3779B97F4A7C15ull
#define HEADER_SIZE 24
#define MAX_PAYLOAD (64u * 1024 * 1024)
#define MAX_THREADS 4096          /* the sender report's limit */
#define MAX_DESCRIPTION 1024
#define MAX_BACK_BODY (1024 * 1024)
#define NOT_MEASURED UINT64_MAX

/* ---------------------------------------------------------------- portability */

#ifdef _WIN32
typedef SOCKET sock_t;
#  define BAD_SOCKET INVALID_SOCKET
#  define SEND_FLAGS 0
static int last_error(void) { return WSAGetLastError(); }
static int is_would_block(int e) { return e == WSAEWOULDBLOCK; }
static int is_interrupted(int e) { return e == WSAEINTR; }
static void close_socket(sock_t s) { closesocket(s); }
#else
typedef int sock_t;
#  define BAD_SOCKET (-1)
#  ifdef MSG_NOSIGNAL
#    define SEND_FLAGS MSG_NOSIGNAL
#  else
#    define SEND_FLAGS 0 /* macOS: SO_NOSIGPIPE on the socket instead */
#  endif
static int last_error(void) { return errno; }
static int is_would_block(int e) { return e == EAGAIN || e == EWOULDBLOCK; }
static int is_interrupted(int e) { return e == EINTR; }
static void close_socket(sock_t s) { close(s); }
#endif

/* A short lower-case name for the errors a user meets, the system's words for the rest. */
static const char *error_text(int e) {
    static char buf[256];
#ifdef _WIN32
    switch (e) {
    case WSAECONNREFUSED: return "connection refused";
    case WSAETIMEDOUT: return "timed out";
    case WSAEHOSTUNREACH: return "host unreachable";
    case WSAENETUNREACH: return "network unreachable";
    case WSAECONNRESET: return "connection reset by peer";
    case WSAECONNABORTED: return "connection aborted";
    case WSAEADDRNOTAVAIL: return "address not available";
    }
    if (FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)e, 0, buf,
                       sizeof buf, NULL) == 0) {
        snprintf(buf, sizeof buf, "Winsock error %d", e);
    } else {
        size_t n = strlen(buf);
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.')) buf[--n] = 0;
    }
    return buf;
#else
    switch (e) {
    case ECONNREFUSED: return "connection refused";
    case ETIMEDOUT: return "timed out";
    case EHOSTUNREACH: return "host unreachable";
    case ENETUNREACH: return "network unreachable";
    case ECONNRESET: return "connection reset by peer";
    case EPIPE: return "broken pipe (the peer closed the connection)";
    }
    snprintf(buf, sizeof buf, "%s", strerror(e));
    return buf;
#endif
}

static double now_seconds(void) {
#ifdef _WIN32
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
#endif
}

/* A random non-zero run id: the OS's random source, mixed with the clock if that fails. */
static uint64_t random_run_id(void) {
    uint64_t id = 0;
#ifdef _WIN32
    unsigned int a = 0, b = 0;
    if (rand_s(&a) == 0 && rand_s(&b) == 0) id = ((uint64_t)a << 32) | b;
    if (id == 0) id = (uint64_t)GetTickCount64() ^ ((uint64_t)GetCurrentProcessId() << 32);
#else
    FILE *f = fopen("/dev/urandom", "rb");
    if (f != NULL) {
        if (fread(&id, sizeof id, 1, f) != 1) id = 0;
        fclose(f);
    }
    if (id == 0) id = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(now_seconds() * 1e9);
#endif
    /* splitmix64 finaliser: spreads a weak fallback over all 64 bits */
    id += 0x9E3779B97F4A7C15ull;
    id = (id ^ (id >> 30)) * 0xBF58476D1CE4E5B9ull;
    id = (id ^ (id >> 27)) * 0x94D049BB133111EBull;
    id ^= id >> 31;
    return id == 0 ? 1 : id;
}

/* ---------------------------------------------------------------- wire format */

static uint32_t crc_table[256];

/* CRC32C (Castagnoli), reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF. */
static void crc32c_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32c(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void put16(unsigned char *p, uint32_t v) { p[0] = (unsigned char)(v >> 8); p[1] = (unsigned char)v; }
static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}
static void put64(unsigned char *p, uint64_t v) { put32(p, (uint32_t)(v >> 32)); put32(p + 4, (uint32_t)v); }
static uint32_t get32(const unsigned char *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static uint64_t get64(const unsigned char *p) { return ((uint64_t)get32(p) << 32) | get32(p + 4); }

static void build_hello(unsigned char *h, uint64_t run_id, uint32_t packets, uint32_t threads) {
    put32(h, HELLO_MAGIC);
    put16(h + 4, 1);
    put16(h + 6, 0);
    put64(h + 8, run_id);
    put32(h + 16, packets);
    put32(h + 20, threads);
    put32(h + 24, 0);
    put32(h + 28, crc32c(h, 28));
}

/* Header, then payload words W(p, i) = ((p << 32) | i) ^ salt, big-endian; a tail is its word's leading bytes. */
static void build_frame(unsigned char *f, uint32_t packet, uint32_t thread, uint32_t size, uint64_t run_id) {
    put32(f, FRAME_MAGIC);
    put32(f + 4, packet);
    put16(f + 8, thread);
    put16(f + 10, 0);
    put32(f + 12, size);
    put32(f + 16, (uint32_t)run_id);
    put32(f + 20, crc32c(f, 20));
    unsigned char *p = f + HEADER_SIZE;
    uint64_t high = ((uint64_t)packet << 32) ^ WORD_SALT;
    uint32_t words = size / 8, i;
    for (i = 0; i < words; i++, p += 8) put64(p, high ^ i);
    if (size % 8) {
        unsigned char last[8];
        put64(last, high ^ i);
        memcpy(p, last, size % 8);
    }
}

/* ---------------------------------------------------------------- the run */

enum way { WAY_SEND, WAY_SEND_NONBLOCKING };
static const char *way_names[] = {"send", "send-nonblocking"};

typedef struct {
    uint64_t packets, send_calls, partial_sends, would_blocks;
    int error; /* 0, or the error that stopped this thread */
    char pad[64];
} thread_stats;

static struct {
    sock_t sock;
    enum way way;
    int lock;
    uint32_t threads, size;
    uint64_t packets, run_id;
    thread_stats *stats;
#ifdef _WIN32
    volatile LONG64 next_packet;
    volatile LONG stop;
    CRITICAL_SECTION packet_lock;
    HANDLE gate;
#else
    atomic_uint_fast64_t next_packet;
    atomic_int stop;
    pthread_mutex_t packet_lock;
    pthread_mutex_t gate_mutex;
    pthread_cond_t gate_cond;
    int gate_open;
#endif
} run;

static void lock_packet(void) {
#ifdef _WIN32
    EnterCriticalSection(&run.packet_lock);
#else
    pthread_mutex_lock(&run.packet_lock);
#endif
}

static void unlock_packet(void) {
#ifdef _WIN32
    LeaveCriticalSection(&run.packet_lock);
#else
    pthread_mutex_unlock(&run.packet_lock);
#endif
}

/* Waits until the socket can take more bytes (the non-blocking way, and the Hello/report on it). */
static void wait_writable(sock_t s) {
#ifdef _WIN32
    fd_set w, e;
    FD_ZERO(&w); FD_ZERO(&e);
    FD_SET(s, &w); FD_SET(s, &e);
    select(0, NULL, &w, &e, NULL);
#else
    struct pollfd p = {s, POLLOUT, 0};
    while (poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
#endif
}

/*
 * Writes the whole buffer, counting calls, partial sends and would-blocks into st (may be NULL).
 * Returns 0, or the error. This is the article's MustSendBuffer: one send() after another until
 * every byte is out, nothing held between them.
 */
static int send_all(sock_t s, const unsigned char *buf, size_t len, thread_stats *st) {
    size_t off = 0;
    while (off < len) {
        size_t ask = len - off;
#ifdef _WIN32
        int n = send(s, (const char *)buf + off, (int)ask, SEND_FLAGS);
#else
        ssize_t n = send(s, buf + off, ask, SEND_FLAGS);
#endif
        if (st) st->send_calls++;
        if (n < 0) {
            int e = last_error();
            if (is_would_block(e)) {
                if (st) st->would_blocks++;
                wait_writable(s);
                continue;
            }
            if (is_interrupted(e)) continue;
            return e;
        }
        if ((size_t)n < ask && n > 0 && st) st->partial_sends++;
        off += (size_t)n;
    }
    return 0;
}

static int set_nonblocking(sock_t s, int on) {
#ifdef _WIN32
    u_long v = (u_long)on;
    return ioctlsocket(s, FIONBIO, &v) == 0 ? 0 : last_error();
#else
    int fl = fcntl(s, F_GETFL, 0);
    if (fl < 0) return errno;
    return fcntl(s, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK) == 0 ? 0 : errno;
#endif
}

static int stopped(void) {
#ifdef _WIN32
    return InterlockedCompareExchange(&run.stop, 0, 0) != 0;
#else
    return atomic_load(&run.stop) != 0;
#endif
}

/* The next packet id from the one shared counter, as the article's threads pop a shared list. */
static uint64_t take_packet(void) {
#ifdef _WIN32
    return (uint64_t)(InterlockedIncrement64(&run.next_packet) - 1);
#else
    return atomic_fetch_add(&run.next_packet, 1);
#endif
}

static void wait_for_gate(void) {
#ifdef _WIN32
    WaitForSingleObject(run.gate, INFINITE);
#else
    pthread_mutex_lock(&run.gate_mutex);
    while (!run.gate_open) pthread_cond_wait(&run.gate_cond, &run.gate_mutex);
    pthread_mutex_unlock(&run.gate_mutex);
#endif
}

static void sender(uint32_t index) {
    thread_stats *st = &run.stats[index];
    unsigned char *frame = malloc((size_t)HEADER_SIZE + run.size);
    if (frame == NULL) {
        st->error = -1;
    }
    wait_for_gate();
    while (frame != NULL && !stopped()) {
        uint64_t id = take_packet();
        if (id >= run.packets) break;
        build_frame(frame, (uint32_t)id, index, run.size, run.run_id);
        if (run.lock) lock_packet();
        int e = send_all(run.sock, frame, (size_t)HEADER_SIZE + run.size, st);
        if (run.lock) unlock_packet();
        if (e != 0) {
            st->error = e;
#ifdef _WIN32
            InterlockedExchange(&run.stop, 1);
#else
            atomic_store(&run.stop, 1);
#endif
            break;
        }
        st->packets++;
    }
    free(frame);
}

#ifdef _WIN32
static DWORD WINAPI thread_main(LPVOID arg) { sender((uint32_t)(uintptr_t)arg); return 0; }
#else
static void *thread_main(void *arg) { sender((uint32_t)(uintptr_t)arg); return NULL; }
#endif

/* ---------------------------------------------------------------- description */

static void describe(char *out, size_t cap) {
#ifdef _WIN32
    const char *how = run.way == WAY_SEND ? "send() loop" : "non-blocking send() + select()";
    typedef LONG(WINAPI * rtl_get_version_fn)(RTL_OSVERSIONINFOW *);
    typedef const char *(CDECL * wine_version_fn)(void);
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    RTL_OSVERSIONINFOW v;
    memset(&v, 0, sizeof v);
    v.dwOSVersionInfoSize = sizeof v;
    rtl_get_version_fn get = ntdll ? (rtl_get_version_fn)(void (*)(void))GetProcAddress(ntdll, "RtlGetVersion") : NULL;
    if (get == NULL || get(&v) != 0) memset(&v, 0, sizeof v);
    /* Wine answers RtlGetVersion with the Windows it imitates; say that it is Wine, on which kernel. */
    wine_version_fn wine = ntdll ? (wine_version_fn)(void (*)(void))GetProcAddress(ntdll, "wine_get_version") : NULL;
    if (wine != NULL) {
        typedef void(CDECL * wine_host_fn)(const char **, const char **);
        wine_host_fn host = (wine_host_fn)(void (*)(void))GetProcAddress(ntdll, "wine_get_host_version");
        const char *sys = "?", *rel = "?";
        if (host) host(&sys, &rel);
        snprintf(out, cap, "C, Win32 %s, Wine %s imitating Windows %lu.%lu.%lu, on %s %s", how, wine(),
                 (unsigned long)v.dwMajorVersion, (unsigned long)v.dwMinorVersion, (unsigned long)v.dwBuildNumber,
                 sys, rel);
    } else {
        snprintf(out, cap, "C, Win32 %s, Windows %lu.%lu.%lu", how, (unsigned long)v.dwMajorVersion,
                 (unsigned long)v.dwMinorVersion, (unsigned long)v.dwBuildNumber);
    }
#else
    struct utsname u;
    if (uname(&u) != 0) {
        strcpy(u.sysname, "unknown OS");
        u.release[0] = 0;
    }
    snprintf(out, cap, "C, POSIX %s, %s %s", run.way == WAY_SEND ? "send() loop" : "non-blocking send() + poll()",
             u.sysname, u.release);
#endif
}

/* ---------------------------------------------------------------- back channel */

typedef struct {
    int known;
    int64_t verdicts[5]; /* by code: pending, intact, torn, missing, duplicate */
    int64_t bytes[5];    /* received, hello, wholeFrames, pieces, unattributable */
    int64_t dropped;
} summary_t;

static int recv_exact(sock_t s, unsigned char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
#ifdef _WIN32
        int r = recv(s, (char *)buf + got, (int)(n - got), 0);
#else
        ssize_t r = recv(s, buf + got, n - got, 0);
#endif
        if (r == 0) return 0;
        if (r < 0) {
            if (is_interrupted(last_error())) continue;
            return -1;
        }
        got += (size_t)r;
    }
    return 1;
}

/* Reads the verifier's messages until the end of the stream; only the SUMMARY matters here. */
static void read_back_channel(sock_t s, summary_t *sum) {
    static unsigned char body[MAX_BACK_BODY];
    unsigned char pre[8], head[5];
    memset(sum, 0, sizeof *sum);
    if (recv_exact(s, pre, 8) != 1) return;
    if (get32(pre) != BACK_MAGIC || pre[4] != 0 || pre[5] != 1) {
        fprintf(stderr, "back channel: not an Interleave verifier's preamble; verdicts unknown\n");
        return;
    }
    for (;;) {
        if (recv_exact(s, head, 5) != 1) return;
        uint32_t len = get32(head + 1);
        if (len > MAX_BACK_BODY) {
            fprintf(stderr, "back channel: message length %u over the limit; verdicts unknown\n", len);
            sum->known = 0;
            return;
        }
        if (recv_exact(s, body, len) != 1) return;
        if (head[0] == 4) { /* SUMMARY */
            if (len < 8 + 5 * 8 + 5 * 8 + 1) {
                fprintf(stderr, "back channel: short summary; verdicts unknown\n");
                return;
            }
            sum->dropped = (int64_t)get64(body);
            for (int i = 0; i < 5; i++) sum->verdicts[i] = (int64_t)get64(body + 8 + 8 * i);
            for (int i = 0; i < 5; i++) sum->bytes[i] = (int64_t)get64(body + 48 + 8 * i);
            sum->known = 1;
        } else if (head[0] < 1 || head[0] > 4) {
            fprintf(stderr, "back channel: unknown message type %u; verdicts unknown\n", head[0]);
            sum->known = 0;
            return;
        }
    }
}

/* ---------------------------------------------------------------- arguments */

static void usage_exit(const char *msg) {
    fprintf(stderr, "%s\n", msg);
    fprintf(stderr, "usage: interleave_client HOST PORT [--threads 1..%d] [--packets 1..4294967295]"
                    " [--size 0..%u] [--way send|send-nonblocking] [--lock]\n",
            MAX_THREADS, MAX_PAYLOAD);
    exit(2);
}

static uint64_t parse_number(const char *name, const char *text, uint64_t min, uint64_t max) {
    char msg[512];
    size_t n = strlen(text), i;
    for (i = 0; i < n && text[i] >= '0' && text[i] <= '9'; i++) {
    }
    if (n == 0 || i != n) {
        snprintf(msg, sizeof msg, "%s must be a whole number from %llu to %llu, not \"%s\"", name,
                 (unsigned long long)min, (unsigned long long)max, text);
        usage_exit(msg);
    }
    unsigned long long v = strtoull(text, NULL, 10);
    if (n > 20 || v < min || v > max) {
        snprintf(msg, sizeof msg, "%s must be from %llu to %llu, not %s", name, (unsigned long long)min,
                 (unsigned long long)max, text);
        usage_exit(msg);
    }
    return v;
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static void json_count(const char *name, uint64_t v, int measured) {
    if (measured) printf(",\"%s\":%llu", name, (unsigned long long)v);
    else printf(",\"%s\":null", name);
}

int main(int argc, char **argv) {
    const char *host = NULL, *port_text = NULL;
    uint64_t threads = 20, packets = 10000, size = 100000;
    run.way = WAY_SEND;
    char msg[512];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--threads") == 0 && has_value) threads = parse_number("--threads", argv[++i], 1, MAX_THREADS);
        else if (strcmp(a, "--packets") == 0 && has_value) packets = parse_number("--packets", argv[++i], 1, 0xFFFFFFFFull);
        else if (strcmp(a, "--size") == 0 && has_value) size = parse_number("--size", argv[++i], 0, MAX_PAYLOAD);
        else if (strcmp(a, "--way") == 0 && has_value) {
            const char *w = argv[++i];
            if (strcmp(w, "send") == 0) run.way = WAY_SEND;
            else if (strcmp(w, "send-nonblocking") == 0) run.way = WAY_SEND_NONBLOCKING;
            else {
                snprintf(msg, sizeof msg, "--way must be send or send-nonblocking, not \"%s\"", w);
                usage_exit(msg);
            }
        } else if (strcmp(a, "--lock") == 0) run.lock = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) usage_exit("Interleave reference client (C)");
        else if (a[0] == '-' && a[1] != 0) {
            int known = strcmp(a, "--threads") == 0 || strcmp(a, "--packets") == 0 || strcmp(a, "--size") == 0
                        || strcmp(a, "--way") == 0;
            snprintf(msg, sizeof msg, known ? "option %s needs a value" : "unknown option \"%s\"", a);
            usage_exit(msg);
        } else if (host == NULL) host = a;
        else if (port_text == NULL) port_text = a;
        else {
            snprintf(msg, sizeof msg, "unexpected argument \"%s\"", a);
            usage_exit(msg);
        }
    }
    if (host == NULL || port_text == NULL) usage_exit("HOST and PORT are required");
    parse_number("PORT", port_text, 1, 65535);
    run.threads = (uint32_t)threads;
    run.packets = packets;
    run.size = (uint32_t)size;
    crc32c_init();

#ifdef _WIN32
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        fprintf(stderr, "could not start Winsock 2.2\n");
        return 1;
    }
#else
    signal(SIGPIPE, SIG_IGN);
#endif

    struct addrinfo hints, *res = NULL, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(host, port_text, &hints, &res);
    if (gai != 0) {
#ifdef _WIN32
        fprintf(stderr, "could not connect to %s:%s: cannot resolve %s (%s)\n", host, port_text, host, error_text(gai));
#else
        fprintf(stderr, "could not connect to %s:%s: cannot resolve %s (%s)\n", host, port_text, host, gai_strerror(gai));
#endif
        return 1;
    }
    run.sock = BAD_SOCKET;
    int err = 0;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        sock_t s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (s == BAD_SOCKET) {
            err = last_error();
            continue;
        }
        if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0) {
            run.sock = s;
            break;
        }
        err = last_error();
        close_socket(s);
    }
    freeaddrinfo(res);
    if (run.sock == BAD_SOCKET) {
        fprintf(stderr, "could not connect to %s:%s: %s\n", host, port_text, error_text(err));
        return 1;
    }
#if !defined(_WIN32) && defined(SO_NOSIGPIPE)
    {
        int one = 1;
        setsockopt(run.sock, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
    }
#endif

    run.run_id = random_run_id();
    unsigned char hello[32];
    build_hello(hello, run.run_id, (uint32_t)packets, run.threads);
    uint64_t bytes_sent = 0;
    if ((err = send_all(run.sock, hello, sizeof hello, NULL)) != 0) {
        fprintf(stderr, "sending the Hello failed: %s\n", error_text(err));
        return 1;
    }
    bytes_sent += sizeof hello;
    if (run.way == WAY_SEND_NONBLOCKING && (err = set_nonblocking(run.sock, 1)) != 0) {
        fprintf(stderr, "could not make the socket non-blocking: %s\n", error_text(err));
        return 1;
    }

    run.stats = calloc(run.threads, sizeof(thread_stats));
    if (run.stats == NULL) {
        fprintf(stderr, "out of memory for %u threads\n", run.threads);
        return 1;
    }
#ifdef _WIN32
    InitializeCriticalSection(&run.packet_lock);
    run.gate = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE *handles = calloc(run.threads, sizeof(HANDLE));
#else
    pthread_mutex_init(&run.packet_lock, NULL);
    pthread_mutex_init(&run.gate_mutex, NULL);
    pthread_cond_init(&run.gate_cond, NULL);
    pthread_t *handles = calloc(run.threads, sizeof(pthread_t));
#endif
    if (handles == NULL) {
        fprintf(stderr, "out of memory for %u threads\n", run.threads);
        return 1;
    }
    for (uint32_t t = 0; t < run.threads; t++) {
#ifdef _WIN32
        handles[t] = CreateThread(NULL, 256 * 1024, thread_main, (LPVOID)(uintptr_t)t,
                                  STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
        if (handles[t] == NULL) {
            fprintf(stderr, "could not start thread %u of %u: %s\n", t + 1, run.threads, error_text((int)GetLastError()));
            return 1;
        }
#else
        int e = pthread_create(&handles[t], NULL, thread_main, (void *)(uintptr_t)t);
        if (e != 0) {
            fprintf(stderr, "could not start thread %u of %u: %s\n", t + 1, run.threads, strerror(e));
            return 1;
        }
#endif
    }
    /* Every thread is waiting at the gate: open it, so they start together. */
    double start = now_seconds();
#ifdef _WIN32
    SetEvent(run.gate);
    for (uint32_t t = 0; t < run.threads; t++) {
        WaitForSingleObject(handles[t], INFINITE);
        CloseHandle(handles[t]);
    }
#else
    pthread_mutex_lock(&run.gate_mutex);
    run.gate_open = 1;
    pthread_cond_broadcast(&run.gate_cond);
    pthread_mutex_unlock(&run.gate_mutex);
    for (uint32_t t = 0; t < run.threads; t++) pthread_join(handles[t], NULL);
#endif
    double seconds = now_seconds() - start;

    uint64_t sent = 0, calls = 0, partial = 0, would = 0;
    for (uint32_t t = 0; t < run.threads; t++) {
        thread_stats *st = &run.stats[t];
        if (st->error == -1) {
            fprintf(stderr, "thread %u: out of memory for a %u-byte frame\n", t, HEADER_SIZE + run.size);
            return 1;
        }
        if (st->error != 0) {
            fprintf(stderr, "sending failed on thread %u after %llu packets: %s\n", t,
                    (unsigned long long)st->packets, error_text(st->error));
            return 1;
        }
        sent += st->packets;
        calls += st->send_calls;
        partial += st->partial_sends;
        would += st->would_blocks;
    }
    bytes_sent += sent * (HEADER_SIZE + (uint64_t)run.size);

    /* The sender report: written by this one thread now that every sending thread has finished. */
    char description[MAX_DESCRIPTION + 1];
    describe(description, sizeof description);
    size_t d = strlen(description);
    size_t report_len = 24 + 32 * (size_t)run.threads + d + 4;
    unsigned char *report = malloc(report_len);
    if (report == NULL) {
        fprintf(stderr, "out of memory for the sender report\n");
        return 1;
    }
    put32(report, REPORT_MAGIC);
    put16(report + 4, 1);
    put16(report + 6, run.threads);
    put64(report + 8, run.run_id);
    put16(report + 16, (uint32_t)d);
    put16(report + 18, 0);
    put32(report + 20, crc32c(report, 20));
    for (uint32_t t = 0; t < run.threads; t++) {
        unsigned char *r = report + 24 + 32 * (size_t)t;
        put64(r, run.stats[t].packets);
        put64(r + 8, run.stats[t].send_calls);
        put64(r + 16, run.stats[t].partial_sends);
        /* the blocking way never asks without blocking: it cannot see a would-block, so it does not claim 0 */
        put64(r + 24, run.way == WAY_SEND_NONBLOCKING ? run.stats[t].would_blocks : NOT_MEASURED);
    }
    memcpy(report + 24 + 32 * (size_t)run.threads, description, d);
    put32(report + report_len - 4, crc32c(report + 24, report_len - 28));
    if ((err = send_all(run.sock, report, report_len, NULL)) != 0) {
        fprintf(stderr, "sending the sender report failed: %s\n", error_text(err));
        return 1;
    }
    bytes_sent += report_len;
    free(report);

    if (run.way == WAY_SEND_NONBLOCKING) set_nonblocking(run.sock, 0);
#ifdef _WIN32
    shutdown(run.sock, SD_SEND);
    DWORD timeout_ms = 60000;
    setsockopt(run.sock, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout_ms, sizeof timeout_ms);
#else
    shutdown(run.sock, SHUT_WR);
    struct timeval tv = {60, 0};
    setsockopt(run.sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
#endif
    summary_t sum;
    read_back_channel(run.sock, &sum);
    close_socket(run.sock);
#ifdef _WIN32
    WSACleanup();
#endif

    printf("{\"client\":\"c\",\"way\":\"%s\",\"lock\":%s,\"threads\":%u,\"packets\":%llu,\"size\":%u",
           way_names[run.way], run.lock ? "true" : "false", run.threads, (unsigned long long)packets, run.size);
    printf(",\"runId\":\"%016llx\",\"description\":", (unsigned long long)run.run_id);
    json_string(description);
    printf(",\"seconds\":%.6f,\"bytesSent\":%llu,\"mbPerSecond\":%.3f", seconds, (unsigned long long)bytes_sent,
           seconds > 0 ? (double)bytes_sent / seconds / 1e6 : 0.0);
    json_count("sendCalls", calls, 1);
    json_count("partialSends", partial, 1);
    json_count("wouldBlocks", would, run.way == WAY_SEND_NONBLOCKING);
    printf(",\"reportBytes\":%llu,\"perThread\":[", (unsigned long long)report_len);
    for (uint32_t t = 0; t < run.threads; t++) {
        thread_stats *st = &run.stats[t];
        printf("%s{\"packets\":%llu", t ? "," : "", (unsigned long long)st->packets);
        json_count("sendCalls", st->send_calls, 1);
        json_count("partialSends", st->partial_sends, 1);
        json_count("wouldBlocks", st->would_blocks, run.way == WAY_SEND_NONBLOCKING);
        putchar('}');
    }
    putchar(']');
    if (sum.known) {
        printf(",\"verdicts\":{\"intact\":%lld,\"torn\":%lld,\"missing\":%lld,\"duplicate\":%lld,\"pending\":%lld}",
               (long long)sum.verdicts[1], (long long)sum.verdicts[2], (long long)sum.verdicts[3],
               (long long)sum.verdicts[4], (long long)sum.verdicts[0]);
        printf(",\"verifierBytes\":{\"received\":%lld,\"unattributable\":%lld}", (long long)sum.bytes[0],
               (long long)sum.bytes[4]);
        printf(",\"verdictsKnown\":true}\n");
    } else {
        printf(",\"verdicts\":null,\"verifierBytes\":null,\"verdictsKnown\":false}\n");
    }
    return 0;
}
