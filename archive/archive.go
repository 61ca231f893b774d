// Package archive keeps call records fetched from Microsoft Graph in a
// folder: every record of a time range, whole (every page of its sessions
// and participants), one gzip file per record and version:
//
//	DIR/<start date, UTC>/<id>.v<version>.json.gz
//
// A fetch lists the range, skips the records the folder already holds at
// that version (by the file names alone: nothing is fetched to find out),
// and fetches the others on a few workers that share one pace within
// Graph's limits. Files appear whole or not at all: each is written to a
// temporary file, synced and renamed; a cancelled fetch removes its
// temporary files. Files are readable by their owner alone (0600, folders
// 0700): call records hold personal data.
package archive

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/internal/safefile"
)

// Undated is the folder of records without a start time.
const Undated = "undated"

// DefaultWorkers fetch at once: enough to overlap the waits for Graph,
// few enough that one tenant's limits are not spent at once.
const DefaultWorkers = 4

// Options say what to fetch and where.
type Options struct {
	Dir     string
	List    graph.ListOptions
	Workers int // 0: DefaultWorkers
	// Client makes the client of one worker; all must share one
	// graph.Limits so that together they stay within Graph's limits.
	Client func() *graph.Client
	// Timeout bounds the fetch of one record, every page; 0: none.
	Timeout time.Duration
	// Progress is told how the fetch goes, from one goroutine at a time.
	Progress func(Progress)
	// Failed is told of each record that could not be fetched or written.
	Failed func(id string, err error)
}

// Progress is how far a fetch has come.
type Progress struct {
	Listing  bool // still listing; Listed counts the records so far
	Listed   int  // records in the range
	Skipped  int  // already in the folder at that version
	Done     int  // fetched and written
	Failed   int
	Sessions int   // fetched, in records done and under way
	Bytes    int64 // of JSON fetched, in records done
	Limits   graph.LimitStats
	Elapsed  time.Duration
	ETA      time.Duration // -1: not known yet
}

// Left is the records still to fetch.
func (p Progress) Left() int { return p.Listed - p.Skipped - p.Done - p.Failed }

// Fetch fetches the records of the range that the folder lacks. The error
// is for what stops the whole fetch (the list failed, the folder cannot be
// read, ctx ended); a record that fails is told to Failed and counted.
func Fetch(ctx context.Context, o Options) (Progress, error) {
	start := time.Now()
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return Progress{}, fmt.Errorf("cannot use %s: %v", o.Dir, err)
	}
	have, err := Index(o.Dir)
	if err != nil {
		return Progress{}, err
	}
	st := &state{o: o, start: start, live: map[int]int{}}
	lister := o.Client()
	st.limits = lister.Limits
	lister.Progress = func(p graph.Progress) {
		st.update(func(pr *Progress) { pr.Listing, pr.Listed = true, p.Records })
	}
	raw, err := lister.List(ctx, o.List)
	if err != nil {
		return st.snapshot(), err
	}
	listed := gjson.GetBytes(raw, "value").Array()
	var todo []entry
	st.update(func(pr *Progress) { pr.Listing, pr.Listed = false, len(listed) })
	for _, v := range listed {
		e := entry{id: v.Get("id").String(), version: v.Get("version"), start: v.Get("startDateTime").String()}
		id, err := fileID(e.id)
		if err != nil {
			st.fail(e.id, err)
			continue
		}
		e.id = id
		if got, ok := have[strings.ToLower(id)]; ok && got >= e.version.Int() {
			st.update(func(pr *Progress) { pr.Skipped++ })
			continue
		}
		todo = append(todo, e)
	}

	jobs := make(chan entry)
	var wg sync.WaitGroup
	for w := range o.Workers {
		c := o.Client()
		c.Progress = func(p graph.Progress) { st.live1(w, p.Sessions) }
		wg.Go(func() {
			for e := range jobs {
				st.fetch(ctx, c, w, e)
			}
		})
	}
	for _, e := range todo {
		select {
		case jobs <- e:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	return st.snapshot(), ctx.Err()
}

// entry is a record the list names.
type entry struct {
	id      string
	version gjson.Result
	start   string
}

// state is a fetch's progress, shared by its workers.
type state struct {
	o      Options
	start  time.Time
	limits *graph.Limits

	mu   sync.Mutex
	p    Progress
	live map[int]int // sessions of each worker's record under way
}

func (st *state) update(f func(*Progress)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	f(&st.p)
	st.report()
}

// report tells Progress; the caller holds the lock.
func (st *state) report() {
	if st.o.Progress != nil {
		st.o.Progress(st.now())
	}
}

// now is the progress with the live counts; the caller holds the lock.
func (st *state) now() Progress {
	p := st.p
	for _, n := range st.live {
		p.Sessions += n
	}
	if st.limits != nil {
		p.Limits = st.limits.Stats()
	}
	p.Elapsed = time.Since(st.start)
	p.ETA = -1
	if p.Done > 0 && !p.Listing {
		// The pace so far, records done over time spent: it includes
		// every wait the limits and Graph imposed.
		p.ETA = time.Duration(float64(p.Elapsed) / float64(p.Done) * float64(p.Left()))
	}
	return p
}

func (st *state) snapshot() Progress {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.now()
}

func (st *state) live1(worker, sessions int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.live[worker] = sessions
	st.report()
}

func (st *state) fail(id string, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.p.Failed++
	if st.o.Failed != nil {
		st.o.Failed(id, err)
	}
	st.report()
}

// fetch gets one record whole and writes it.
func (st *state) fetch(ctx context.Context, c *graph.Client, worker int, e entry) {
	defer st.live1(worker, 0)
	rctx := ctx
	if st.o.Timeout > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, st.o.Timeout)
		defer cancel()
	}
	raw, _, err := c.FetchRecord(rctx, e.id, false)
	if err != nil {
		if ctx.Err() == nil { // a cancelled run is no record's failure
			st.fail(e.id, err)
		}
		return
	}
	sessions := len(gjson.GetBytes(raw, "sessions").Array())
	if err := st.write(ctx, e, raw); err != nil {
		if ctx.Err() == nil {
			st.fail(e.id, err)
		}
		return
	}
	st.update(func(p *Progress) {
		p.Done++
		p.Sessions += sessions
		p.Bytes += int64(len(raw))
		delete(st.live, worker)
	})
}

// write puts a fetched record in its file, whole or not at all.
func (st *state) write(ctx context.Context, e entry, raw []byte) error {
	got := gjson.GetBytes(raw, "id").String()
	if !strings.EqualFold(got, e.id) {
		return fmt.Errorf("Graph sent record %s for %s; not written", clip(got), e.id)
	}
	var version int64
	if v := gjson.GetBytes(raw, "version"); v.Exists() {
		version = v.Int()
	}
	start := gjson.GetBytes(raw, "startDateTime").String()
	if start == "" {
		start = e.start
	}
	rel := filepath.Join(dateDir(start), Name(e.id, version))
	if !filepath.IsLocal(rel) {
		return fmt.Errorf("refusing to write %q outside %s", rel, st.o.Dir)
	}
	path := filepath.Join(st.o.Dir, rel)
	if _, err := os.Stat(path); err == nil {
		return nil // this version is there already (it changed since the list)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := safefile.Create(path, false)
	if err != nil {
		return err
	}
	defer f.Abort() // unless committed: a cancelled fetch leaves no temporary file
	zw, _ := gzip.NewWriterLevel(&ctxWriter{ctx, f}, gzip.DefaultCompression)
	if _, err := zw.Write(raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return f.Commit()
}

// ctxWriter stops writing once ctx ends: a record of 100 MB takes a while.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}

// dateDir is the folder of a start time: its date in UTC.
func dateDir(start string) string {
	t, err := time.Parse(time.RFC3339Nano, start)
	if err != nil {
		return Undated
	}
	return t.UTC().Format("2006-01-02")
}

// Name is a record's file name: <id>.v<version>.json.gz. A record without
// a version is v0.
func Name(id string, version int64) string {
	return id + ".v" + strconv.FormatInt(version, 10) + ".json.gz"
}

var nameRE = regexp.MustCompile(`^(.+)\.v(\d+)\.json\.gz$`)

// ParseName reads a record's id and version from its file name.
func ParseName(name string) (id string, version int64, ok bool) {
	m := nameRE.FindStringSubmatch(name)
	if m == nil {
		return "", 0, false
	}
	v, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return "", 0, false
	}
	return m[1], v, true
}

// Index is the newest version of each record in the folder, by id in
// lower case.
func Index(dir string) (map[string]int64, error) {
	have := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if id, v, ok := ParseName(d.Name()); ok {
			k := strings.ToLower(id)
			if old, seen := have[k]; !seen || v > old {
				have[k] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the archive %s: %v", dir, err)
	}
	return have, nil
}

// fileID checks an id from the list before it names a file: a call record
// id (letters, digits, '-', '_', '.'), not hidden.
func fileID(id string) (string, error) {
	s, err := graph.CheckRecordID(id)
	if err != nil {
		return "", err
	}
	if s != strings.TrimSpace(id) || strings.HasPrefix(s, ".") {
		return "", fmt.Errorf("%q is not a call record id that can name a file", clip(id))
	}
	return s, nil
}

func clip(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return strconv.Quote(s)
}
