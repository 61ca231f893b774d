//go:build unix

package ui

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// readJobState asks the kernel: the process group, the session, the
// parent's session, and the foreground group of the controlling terminal
// (/dev/tty, which is the terminal whatever standard input is).
func readJobState() jobState {
	s := jobState{supported: true, pgrp: unix.Getpgrp(), sid: -1, fg: -1, parentSid: -1}
	if sid, err := unix.Getsid(0); err == nil {
		s.sid = sid
	}
	switch sid, err := unix.Getsid(os.Getppid()); {
	case err == nil:
		s.parentSid = sid
	case errors.Is(err, unix.EPERM): // some systems refuse another session's
		s.parentOut = true
	}
	if tty, err := os.Open("/dev/tty"); err == nil {
		if pg, err := unix.IoctlGetInt(int(tty.Fd()), unix.TIOCGPGRP); err == nil {
			s.fg = pg
		}
		tty.Close()
	}
	return s
}
