// Command interleave-client is the Interleave reference client in Go (stdlib only, Go 1.19+):
// N goroutines write framed packets on ONE TCP connection and the Interleave verifier says which
// packets arrived torn. It speaks wire format v1 (docs/PROTOCOL.md) with the sender report.
//
//	go run . HOST PORT [--threads N] [--packets N] [--size BYTES] [--way W] [--lock]
//
// Ways:
//
//	write      net.Conn.Write: internal/poll's FD.Write holds fd.writeLock for its whole loop, so
//	           one Write's bytes are never split by another Write on the same connection.
//	raw-write  write(2) loops on per-goroutine dups of the socket (Unix): no Go lock in between,
//	           so this shows the kernel under Go. Counts partial writes and EAGAINs.
//
// Prints one JSON line on stdout; messages go to stderr. Exit 0 done, 1 failure, 2 bad arguments.
package main

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	helloMagic   = 0x494C5648 // "ILVH"
	frameMagic   = 0x494C5646 // "ILVF"
	reportMagic  = 0x494C5652 // "ILVR"
	backMagic    = 0x494C5642 // "ILVB"
	wordSalt     = 0x9E3779B97F4A7C15
	headerSize   = 24
	maxPayload   = 64 << 20
	maxThreads   = 4096 // the sender report's limit
	maxBackBody  = 1 << 20
	notMeasured  = ^uint64(0)
	maxDescBytes = 1024
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func crc32c(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

type config struct {
	host    string
	port    int
	threads int
	packets uint64
	size    int
	way     string
	lock    bool
}

// threadStats is written by its goroutine only and read after every goroutine has finished.
type threadStats struct {
	packets, sendCalls, partialSends, wouldBlocks uint64
	err                                           error
	_                                             [64]byte
}

func usage(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	fmt.Fprintf(os.Stderr, "usage: interleave-client HOST PORT [--threads 1..%d] [--packets 1..4294967295]"+
		" [--size 0..%d] [--way write|raw-write] [--lock]\n", maxThreads, maxPayload)
	os.Exit(2)
}

func number(name, text string, min, max uint64) uint64 {
	if text == "" || strings.TrimLeft(text, "0123456789") != "" {
		usage(fmt.Sprintf("%s must be a whole number from %d to %d, not %q", name, min, max, text))
	}
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil || v < min || v > max {
		usage(fmt.Sprintf("%s must be from %d to %d, not %s", name, min, max, text))
	}
	return v
}

func parseArgs(args []string) config {
	c := config{threads: 20, packets: 10000, size: 100000, way: "write"}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func() string {
			if i+1 >= len(args) {
				usage("option " + a + " needs a value")
			}
			i++
			return args[i]
		}
		switch {
		case a == "--threads":
			c.threads = int(number("--threads", value(), 1, maxThreads))
		case a == "--packets":
			c.packets = number("--packets", value(), 1, 0xFFFFFFFF)
		case a == "--size":
			c.size = int(number("--size", value(), 0, maxPayload))
		case a == "--way":
			c.way = value()
			if c.way != "write" && c.way != "raw-write" {
				usage(fmt.Sprintf("--way must be write or raw-write, not %q", c.way))
			}
			if c.way == "raw-write" && !rawWriteAvailable {
				usage("--way raw-write needs a Unix-like OS (it calls write(2) on the socket); use write on " + runtime.GOOS)
			}
		case a == "--lock":
			c.lock = true
		case a == "-h" || a == "--help":
			usage("Interleave reference client (Go)")
		case strings.HasPrefix(a, "-") && len(a) > 1:
			usage(fmt.Sprintf("unknown option %q", a))
		default:
			pos = append(pos, a)
		}
	}
	if len(pos) < 2 {
		usage("HOST and PORT are required")
	}
	if len(pos) > 2 {
		usage(fmt.Sprintf("unexpected argument %q", pos[2]))
	}
	c.host = pos[0]
	c.port = int(number("PORT", pos[1], 1, 65535))
	return c
}

func hello(runID uint64, packets uint64, threads int) []byte {
	h := make([]byte, 32)
	binary.BigEndian.PutUint32(h[0:], helloMagic)
	binary.BigEndian.PutUint16(h[4:], 1)
	binary.BigEndian.PutUint64(h[8:], runID)
	binary.BigEndian.PutUint32(h[16:], uint32(packets))
	binary.BigEndian.PutUint32(h[20:], uint32(threads))
	binary.BigEndian.PutUint32(h[28:], crc32c(h[:28]))
	return h
}

// buildFrame writes packet's header and payload words W(p, i) = ((p << 32) | i) ^ salt into f,
// which has room for every whole word; the frame is f[:headerSize+size] (a tail is its word's
// leading bytes).
func buildFrame(f []byte, packet uint32, thread int, size int, runID uint64) {
	binary.BigEndian.PutUint32(f[0:], frameMagic)
	binary.BigEndian.PutUint32(f[4:], packet)
	binary.BigEndian.PutUint16(f[8:], uint16(thread))
	binary.BigEndian.PutUint16(f[10:], 0)
	binary.BigEndian.PutUint32(f[12:], uint32(size))
	binary.BigEndian.PutUint32(f[16:], uint32(runID))
	binary.BigEndian.PutUint32(f[20:], crc32c(f[:20]))
	high := uint64(packet)<<32 ^ wordSalt
	p := f[headerSize:]
	for i := 0; i*8 < size; i++ {
		binary.BigEndian.PutUint64(p[i*8:], high^uint64(i))
	}
}

func connectError(err error) string {
	var errno syscall.Errno
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return "cannot resolve " + dns.Name + " (" + dns.Err + ")"
	case errors.As(err, &errno) && errno == syscall.ECONNREFUSED:
		return "connection refused"
	case errors.As(err, &errno) && errno == syscall.ETIMEDOUT:
		return "timed out"
	case errors.As(err, &errno) && errno == syscall.EHOSTUNREACH:
		return "host unreachable"
	case errors.As(err, &errno) && errno == syscall.ENETUNREACH:
		return "network unreachable"
	case errors.As(err, &errno):
		return errno.Error()
	}
	return err.Error()
}

func osName() string {
	var out []byte
	var err error
	if runtime.GOOS == "windows" {
		out, err = exec.Command("cmd", "/c", "ver").Output()
	} else {
		out, err = exec.Command("uname", "-sr").Output()
	}
	s := strings.TrimSpace(string(out))
	if err != nil || s == "" {
		return runtime.GOOS
	}
	return s
}

func describe(way string) string {
	how := "net.Conn.Write"
	if way == "raw-write" {
		how = "write(2) loop on dups of the socket"
	}
	return fmt.Sprintf("Go %s %s, %s/%s, %s", runtime.Version(), how, runtime.GOOS, runtime.GOARCH, osName())
}

type summary struct {
	Verdicts      map[string]int64 `json:"verdicts"`
	VerifierBytes map[string]int64 `json:"verifierBytes"`
}

// readBackChannel reads the verifier's messages to the end of the stream; nil: verdicts unknown.
func readBackChannel(conn net.Conn) *summary {
	pre := make([]byte, 8)
	if _, err := io.ReadFull(conn, pre); err != nil {
		return nil
	}
	if binary.BigEndian.Uint32(pre) != backMagic || binary.BigEndian.Uint16(pre[4:]) != 1 {
		fmt.Fprintln(os.Stderr, "back channel: not an Interleave verifier's preamble; verdicts unknown")
		return nil
	}
	var sum *summary
	head := make([]byte, 5)
	body := make([]byte, maxBackBody)
	for {
		if _, err := io.ReadFull(conn, head); err != nil {
			return sum
		}
		kind, length := head[0], binary.BigEndian.Uint32(head[1:])
		if length > maxBackBody || kind < 1 || kind > 4 {
			fmt.Fprintf(os.Stderr, "back channel: bad message (type %d, length %d); verdicts unknown\n", kind, length)
			return nil
		}
		b := body[:length]
		if _, err := io.ReadFull(conn, b); err != nil {
			return sum
		}
		if kind == 4 {
			if length < 89 {
				fmt.Fprintln(os.Stderr, "back channel: short summary; verdicts unknown")
				return nil
			}
			v := func(i int) int64 { return int64(binary.BigEndian.Uint64(b[8+8*i:])) }
			sum = &summary{
				Verdicts: map[string]int64{"intact": v(1), "torn": v(2), "missing": v(3), "duplicate": v(4),
					"pending": v(0)},
				VerifierBytes: map[string]int64{"received": v(5), "unattributable": v(9)},
			}
		}
	}
}

type threadJSON struct {
	Packets      uint64  `json:"packets"`
	SendCalls    *uint64 `json:"sendCalls"`
	PartialSends *uint64 `json:"partialSends"`
	WouldBlocks  *uint64 `json:"wouldBlocks"`
}

type resultJSON struct {
	Client        string           `json:"client"`
	Way           string           `json:"way"`
	Lock          bool             `json:"lock"`
	Threads       int              `json:"threads"`
	Packets       uint64           `json:"packets"`
	Size          int              `json:"size"`
	RunID         string           `json:"runId"`
	Description   string           `json:"description"`
	Seconds       float64          `json:"seconds"`
	BytesSent     uint64           `json:"bytesSent"`
	MBPerSecond   float64          `json:"mbPerSecond"`
	SendCalls     *uint64          `json:"sendCalls"`
	PartialSends  *uint64          `json:"partialSends"`
	WouldBlocks   *uint64          `json:"wouldBlocks"`
	ReportBytes   int              `json:"reportBytes"`
	PerThread     []threadJSON     `json:"perThread"`
	Verdicts      map[string]int64 `json:"verdicts"`
	VerifierBytes map[string]int64 `json:"verifierBytes"`
	VerdictsKnown bool             `json:"verdictsKnown"`
}

func some(v uint64, measured bool) *uint64 {
	if !measured {
		return nil
	}
	return &v
}

func main() { os.Exit(run(parseArgs(os.Args[1:]))) }

func run(c config) int {
	addr := net.JoinHostPort(c.host, strconv.Itoa(c.port))
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not connect to %s:%d: %s\n", c.host, c.port, connectError(err))
		return 1
	}
	conn := nc.(*net.TCPConn)
	defer conn.Close()
	var runID uint64
	idBytes := make([]byte, 8)
	for runID == 0 {
		if _, err := rand.Read(idBytes); err != nil {
			fmt.Fprintln(os.Stderr, "no random run id:", err)
			return 1
		}
		runID = binary.BigEndian.Uint64(idBytes)
	}
	if _, err := conn.Write(hello(runID, c.packets, c.threads)); err != nil {
		fmt.Fprintln(os.Stderr, "sending the Hello failed:", err)
		return 1
	}
	bytesSent := uint64(32)
	frameLen := headerSize + c.size

	var next atomic.Uint64 // the shared list the article's threads pop: one id per pop
	var stop atomic.Bool
	var packetLock sync.Mutex // --lock: held for each whole packet
	gate := make(chan struct{})
	stats := make([]threadStats, c.threads)
	var wg sync.WaitGroup
	raw := c.way == "raw-write"
	for t := 0; t < c.threads; t++ {
		var w *rawWriter
		if raw {
			if w, err = newRawWriter(conn); err != nil {
				fmt.Fprintln(os.Stderr, "raw-write: could not duplicate the socket:", err)
				return 1
			}
		}
		wg.Add(1)
		go func(index int, w *rawWriter) {
			defer wg.Done()
			if w != nil {
				defer w.close()
			}
			st := &stats[index]
			frame := make([]byte, headerSize+(c.size+7)/8*8)[:frameLen]
			<-gate
			for !stop.Load() {
				id := next.Add(1) - 1
				if id >= c.packets {
					return
				}
				buildFrame(frame[:cap(frame)], uint32(id), index, c.size, runID)
				if c.lock {
					packetLock.Lock()
				}
				var err error
				if raw {
					err = w.write(frame, st)
				} else {
					var n int
					n, err = conn.Write(frame)
					st.sendCalls++
					if err == nil && n < frameLen {
						err = io.ErrShortWrite
					}
				}
				if c.lock {
					packetLock.Unlock()
				}
				if err != nil {
					st.err = err
					stop.Store(true)
					return
				}
				st.packets++
			}
		}(t, w)
	}
	start := time.Now()
	close(gate)
	wg.Wait()
	seconds := time.Since(start).Seconds()

	var sent, calls, partial, would uint64
	for i := range stats {
		st := &stats[i]
		if st.err != nil {
			fmt.Fprintf(os.Stderr, "sending failed on goroutine %d after %d packets: %v\n", i, st.packets, st.err)
			return 1
		}
		sent += st.packets
		calls += st.sendCalls
		partial += st.partialSends
		would += st.wouldBlocks
	}
	bytesSent += sent * uint64(frameLen)

	// The sender report: written by this one goroutine now that every sender has finished.
	// Write's contract is that it returns n < len only with an error, so its partialSends are 0
	// by measurement; its EAGAINs happen inside internal/poll, out of sight.
	desc := []byte(describe(c.way))
	if len(desc) > maxDescBytes {
		desc = desc[:maxDescBytes]
	}
	report := make([]byte, 24+32*c.threads+len(desc)+4)
	binary.BigEndian.PutUint32(report[0:], reportMagic)
	binary.BigEndian.PutUint16(report[4:], 1)
	binary.BigEndian.PutUint16(report[6:], uint16(c.threads))
	binary.BigEndian.PutUint64(report[8:], runID)
	binary.BigEndian.PutUint16(report[16:], uint16(len(desc)))
	binary.BigEndian.PutUint32(report[20:], crc32c(report[:20]))
	for i := range stats {
		r := report[24+32*i:]
		binary.BigEndian.PutUint64(r[0:], stats[i].packets)
		binary.BigEndian.PutUint64(r[8:], stats[i].sendCalls)
		binary.BigEndian.PutUint64(r[16:], stats[i].partialSends)
		if raw {
			binary.BigEndian.PutUint64(r[24:], stats[i].wouldBlocks)
		} else {
			binary.BigEndian.PutUint64(r[24:], notMeasured)
		}
	}
	copy(report[24+32*c.threads:], desc)
	binary.BigEndian.PutUint32(report[len(report)-4:], crc32c(report[24:len(report)-4]))
	if _, err := conn.Write(report); err != nil {
		fmt.Fprintln(os.Stderr, "sending the sender report failed:", err)
		return 1
	}
	bytesSent += uint64(len(report))
	if err := conn.CloseWrite(); err != nil {
		fmt.Fprintln(os.Stderr, "half-close failed:", err)
		return 1
	}
	conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	sum := readBackChannel(conn)

	out := resultJSON{Client: "go", Way: c.way, Lock: c.lock, Threads: c.threads, Packets: c.packets,
		Size: c.size, RunID: fmt.Sprintf("%016x", runID), Description: string(desc), Seconds: math.Round(seconds*1e6) / 1e6,
		BytesSent: bytesSent, SendCalls: some(calls, true), PartialSends: some(partial, true),
		WouldBlocks: some(would, raw), ReportBytes: len(report), VerdictsKnown: sum != nil}
	if seconds > 0 {
		out.MBPerSecond = math.Round(float64(bytesSent)/seconds/1e3) / 1e3
	}
	for i := range stats {
		st := &stats[i]
		out.PerThread = append(out.PerThread, threadJSON{Packets: st.packets, SendCalls: some(st.sendCalls, true),
			PartialSends: some(st.partialSends, true), WouldBlocks: some(st.wouldBlocks, raw)})
	}
	if sum != nil {
		out.Verdicts, out.VerifierBytes = sum.Verdicts, sum.VerifierBytes
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
	return 0
}
