//go:build !unix

package main

import (
	"errors"
	"net"
)

const rawWriteAvailable = false

type rawWriter struct{}

func newRawWriter(c *net.TCPConn) (*rawWriter, error) {
	return nil, errors.New("raw-write needs a Unix-like OS")
}

func (w *rawWriter) write(b []byte, st *threadStats) error {
	return errors.New("raw-write needs a Unix-like OS")
}

func (w *rawWriter) close() {}
