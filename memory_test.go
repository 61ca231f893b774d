//go:build linux

package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/callscope/callscope/generate"
)

// Peak memory is measured on the real binary, in a process of its own:
// its peak resident set (getrusage's ru_maxrss, in KiB on Linux) as wait4
// returns it. That counts everything, the collector's slack included, and
// nothing the other tests do meanwhile; no time is measured. The bound is
// the one callscope promises: four times the decompressed size plus 100 MiB,
// or an early stop with one line; the measured peaks are well below it (see
// the README), so a busy 2-core machine cannot turn the verdict.
//
// Linux carries the high-water mark of the memory a process replaced over
// exec, and Go starts a child sharing its parent's memory until the exec:
// started from this test process, the binary would report the test's own
// peak. So it is started by a launcher, this test binary run afresh
// (TestMain below), whose small memory is what the binary inherits.

const launchEnv = "CALLSCOPE_MEASURE"

func TestMain(m *testing.M) {
	if os.Getenv(launchEnv) != "" {
		os.Exit(launch(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// launch runs args[0] with the rest, standard input and error passed on,
// prints its peak resident set in bytes and returns its exit code.
func launch(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stderr = os.Stdin, os.Stderr
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		fmt.Fprintln(os.Stderr, err)
		return 125
	}
	fmt.Println(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10)
	return cmd.ProcessState.ExitCode()
}

// peakRSS runs the binary with args, stdin from in (or nothing), and returns
// its exit code, standard error and peak resident set in bytes.
func peakRSS(t *testing.T, bin string, in func(w *os.File), args ...string) (int, string, int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{bin}, args...)...)
	cmd.Env = append(os.Environ(), launchEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if in != nil {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdin = r
		go func() {
			defer w.Close()
			in(w)
		}()
		defer r.Close()
	}
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	peak, perr := strconv.ParseInt(strings.TrimSpace(stdout.String()), 10, 64)
	if perr != nil || cmd.ProcessState.ExitCode() == 125 {
		t.Fatalf("the launcher said %q, %q", stdout.String(), stderr.String())
	}
	return cmd.ProcessState.ExitCode(), stderr.String(), peak
}

// bomb is n gzip members of block and one of tail: a gzip reader takes them
// as one stream, and they take no time to make.
func bomb(block []byte, n int, tail string) []byte {
	member := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	return append(bytes.Repeat(member(block), n), member([]byte(tail))...)
}

func TestPeakMemoryIsBounded(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gen bytes.Buffer
	if err := generate.Record(&gen, generate.Options{Sessions: 2000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	record := write("record.json", gen.Bytes())
	recordGz := write("record.json.gz", bomb(gen.Bytes(), 1, ""))
	const mib = 1 << 20
	// export: three records, at most three times the largest (or 64 MiB,
	// what export lets in at once) all told.
	archive := filepath.Join(dir, "archive")
	os.Mkdir(archive, 0o700)
	largest := int64(gen.Len())
	for _, seed := range []int64{7, 8, 9} {
		var b bytes.Buffer
		if err := generate.Record(&b, generate.Options{Sessions: 2000, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		write(filepath.Join("archive", fmt.Sprint(seed)+".json"), b.Bytes())
		largest = max(largest, int64(b.Len()))
	}
	exportBound := 3 * max(64*mib, largest)
	emptyStreams := `{"id":"x","sessions":[{"segments":[{"media":[{"streams":[` + strings.Repeat("{},", 3_000_000) + `{}]}]}]}]}`
	emptySessions := `{"id":"x","sessions":[` + strings.Repeat("{},", 3_000_000) + `{}]}`
	// As many near-empty streams as fit the memory limit for their file:
	// all of them are reported, which takes memory besides the model.
	nearLimit := `{"id":"x","sessions":[{"segments":[{"media":[{"label":"main-audio","streams":[` +
		strings.Repeat(`{"streamId":"1"},`, 45_000) + `{}]}]}]}]}`
	endless := func(w *os.File) {
		w.Write([]byte("["))
		spaces := bytes.Repeat([]byte(" "), 64<<10)
		for {
			if _, err := w.Write(spaces); err != nil {
				return // the child stopped reading
			}
		}
	}
	for _, c := range []struct {
		name   string
		args   []string
		in     func(*os.File)
		code   int
		stderr string
		bound  int64 // bytes
	}{
		{"gzip bomb of zeros, 1 GiB in 1 MB", []string{"report", "--format", "json", write("zeros.gz", bomb(make([]byte, mib), 1024, ""))}, nil,
			1, "invalid JSON: it starts with zero bytes", 100 * mib},
		{"gzip bomb of spaces, 1 GiB in 1 MB", []string{"report", "--format", "json", write("spaces.gz", bomb(bytes.Repeat([]byte(" "), mib), 1024, "{}"))}, nil,
			1, "gzip data expanding more than 100×", 200 * mib},
		{"/dev/zero", []string{"report", "/dev/zero"}, nil, 1, "zero bytes", 100 * mib},
		{"endless standard input", []string{"report", "--max-size", "64MiB", "-"}, endless, 1, "more than 64.0 MiB once decompressed", 4*64*mib + 100*mib},
		{"9 MB of empty streams", []string{"report", "--format", "json", write("streams.json", []byte(emptyStreams))}, nil,
			1, "--max-memory", 4*int64(len(emptyStreams)) + 100*mib},
		{"9 MB of empty sessions, parsed on every core", []string{write("sessions.json", []byte(emptySessions))}, nil,
			1, "--max-memory", 4*int64(len(emptySessions)) + 100*mib},
		{"near-empty streams within the memory limit", []string{"report", "--format", "json", write("near.json", []byte(nearLimit))}, nil,
			0, "", 4*int64(len(nearLimit)) + 100*mib},
		{"a generated record, mapped", []string{"report", "--format", "json", record}, nil, 0, "", 4*int64(gen.Len()) + 100*mib},
		{"a generated record, read", []string{record}, nil, 0, "", 4*int64(gen.Len()) + 100*mib},
		{"a generated record, gzipped", []string{"report", recordGz}, nil, 0, "", 4*int64(gen.Len()) + 100*mib},
		{"export of three records to NDJSON", []string{"export", "-o", filepath.Join(dir, "out.ndjson"), archive}, nil, 0, "written to", exportBound},
		{"export of three records to Parquet", []string{"export", "-o", filepath.Join(dir, "out.parquet"), archive}, nil, 0, "written to", exportBound},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stderr, peak := peakRSS(t, bin, c.in, c.args...)
			t.Logf("peak %.1f MiB (bound %.1f MiB)", float64(peak)/mib, float64(c.bound)/mib)
			if code != c.code || !strings.Contains(stderr, c.stderr) || strings.Count(stderr, "\n") > 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line with %q", code, stderr, c.code, c.stderr)
			}
			if peak > c.bound {
				t.Errorf("peak memory %.1f MiB, over the bound of %.1f MiB", float64(peak)/mib, float64(c.bound)/mib)
			}
		})
	}
}
