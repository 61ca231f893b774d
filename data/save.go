package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// SaveFile writes b to path atomically: into a temporary file beside it,
// then renamed over it, so a crash or a full disk never leaves half a
// record. It refuses to replace a file unless force.
func SaveFile(path string, b []byte, force bool) error {
	if err := CheckSave(path, force); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm() // --force keeps the file's permissions
	}
	_, werr := tmp.Write(b)
	serr := tmp.Sync() // on disk before the rename, or a crash leaves an empty file
	cerr := tmp.Close()
	merr := os.Chmod(tmp.Name(), mode)
	if err := errors.Join(werr, serr, cerr, merr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot save %s: %v", path, err)
	}
	return nil
}

// CheckSave says early whether SaveFile would refuse: before a long fetch.
func CheckSave(path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s exists: add --force to replace it, or choose another --save file", path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot save %s: no such folder", path)
	}
	return nil
}
