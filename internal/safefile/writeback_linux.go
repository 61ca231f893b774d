package safefile

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks Linux to start writing n bytes of f from off to disk
// (sync_file_range, SYNC_FILE_RANGE_WRITE): it queues them and returns. It
// is advice: an error changes nothing, Commit's sync still makes them safe.
func startWriteback(f *os.File, off, n int64) {
	c, err := f.SyscallConn()
	if err != nil {
		return
	}
	c.Control(func(fd uintptr) {
		unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
	})
}
