//go:build unix

package serve

import (
	"os"
	"syscall"
)

// inode tells a file replaced by rename from the file it replaced.
func inode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
