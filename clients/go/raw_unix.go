//go:build unix

package main

import (
	"errors"
	"net"
	"os"
	"syscall"
)

const rawWriteAvailable = true

// rawWriter writes with syscall.Write on a dup of the connection's socket, so no Go lock is
// shared between goroutines. SyscallConn().Write alone would not do: internal/poll's RawWrite
// takes fd.writeLock just as Write does. Each goroutine's dup is its own os.File, with its own
// FD and lock, registered with the runtime's poller: on EAGAIN the goroutine parks until its fd
// is writable, and the kernel sees concurrent write(2) calls on one socket, as a C program would.
type rawWriter struct {
	file *os.File
	raw  syscall.RawConn
}

func newRawWriter(c *net.TCPConn) (*rawWriter, error) {
	rc, err := c.SyscallConn()
	if err != nil {
		return nil, err
	}
	dup := -1
	var dupErr error
	if err := rc.Control(func(fd uintptr) { dup, dupErr = syscall.Dup(int(fd)) }); err != nil {
		return nil, err
	}
	if dupErr != nil {
		return nil, dupErr
	}
	syscall.CloseOnExec(dup)
	if err := syscall.SetNonblock(dup, true); err != nil {
		syscall.Close(dup)
		return nil, err
	}
	f := os.NewFile(uintptr(dup), "socket dup")
	raw, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &rawWriter{file: f, raw: raw}, nil
}

// write sends all of b with a loop of write(2), counting into st.
func (w *rawWriter) write(b []byte, st *threadStats) error {
	var failure error
	off := 0
	err := w.raw.Write(func(fd uintptr) bool {
		for off < len(b) {
			n, err := syscall.Write(int(fd), b[off:])
			st.sendCalls++
			if err == syscall.EINTR {
				continue
			}
			if err == syscall.EAGAIN {
				st.wouldBlocks++
				return false // park until writable, then call again
			}
			if err != nil {
				failure = err
				return true
			}
			if n == 0 {
				failure = errors.New("write returned 0")
				return true
			}
			if n < len(b)-off {
				st.partialSends++
			}
			off += n
		}
		return true
	})
	if err != nil {
		return err
	}
	return failure
}

func (w *rawWriter) close() { w.file.Close() }
