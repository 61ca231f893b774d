package export

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/callscope/callscope/load"
)

// Options say what to export and how.
type Options struct {
	Table        *Table // nil: Streams
	Format       Format // "": NDJSON
	Compression  string // Parquet: zstd (default) or snappy
	Version      string // callscope's, written into Parquet's metadata
	Workers      int    // files loaded at once; 0: GOMAXPROCS
	Stdin        io.Reader
	rowGroupRows int // Parquet; 0: RowGroupRows (tests make it small)
	// Bad is told of each source that could not be read or loaded, in
	// input order, as soon as every source before it is written.
	Bad func(err error)
}

// Stats count what an export did.
type Stats struct {
	Files, Records, Rows, Bad int
}

// Sources lists the files named by the arguments, in order: a file as
// given, "-" for standard input, a directory's .json and .json.gz files at
// any depth in name order. What cannot be listed is returned as an error of
// its own, in place, so that it is reported in order with the rest.
func Sources(args []string) []Source {
	var out []Source
	for _, a := range args {
		if a == "-" {
			out = append(out, Source{Path: "-"})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				err = fmt.Errorf("%s: no such file or directory", a)
			}
			out = append(out, Source{Path: a, Err: err})
			continue
		}
		if !st.IsDir() {
			out = append(out, Source{Path: a, Size: sizeOf(a, st.Size())})
			continue
		}
		before := len(out)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Source{Path: p, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !isExport(d.Name()) {
				return nil
			}
			// A link is followed to its file (a folder of links to
			// exports kept elsewhere), not into a directory: no loops.
			info, err := os.Stat(p)
			if err != nil {
				out = append(out, Source{Path: p, Err: err})
				return nil
			}
			if info.Mode().IsRegular() {
				out = append(out, Source{Path: p, Size: sizeOf(p, info.Size())})
			}
			return nil
		})
		if err != nil {
			out = append(out, Source{Path: a, Err: err})
		}
		if len(out) == before {
			out = append(out, Source{Path: a, Err: fmt.Errorf("%s: no .json or .json.gz files in this directory or below it", a)})
		}
	}
	return out
}

// isExport tells the files a directory walk takes: .json and .json.gz,
// not hidden ones (a fetch's temporary files).
func isExport(name string) bool {
	n := strings.ToLower(name)
	return !strings.HasPrefix(n, ".") && (strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".json.gz"))
}

// Source is one input.
type Source struct {
	Path string
	Size int64 // its bytes once decompressed, as far as cheaply known
	Err  error // it could not be listed
}

// sizeOf is a file's size once decompressed: a gzip file says it (modulo
// 4 GiB) in its last four bytes.
func sizeOf(path string, size int64) int64 {
	if !isGzip(path) || size < 18 {
		return size
	}
	f, err := os.Open(path)
	if err != nil {
		return size
	}
	defer f.Close()
	var b [4]byte
	if _, err := f.ReadAt(b[:], size-4); err != nil {
		return size
	}
	return max(size, int64(binary.LittleEndian.Uint32(b[:])))
}

func isGzip(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".gz") }

// Budget is the record bytes an export lets in at once: the largest
// source, and at least minBudget.
func Budget(sources []Source) int64 {
	return max(minBudget, Largest(sources))
}

// MemoryLimit is the Go memory limit (runtime/debug.SetMemoryLimit) to
// export sources with, so that the process stays within three times the
// largest record: what stays live is a record's bytes and its model (1.7
// times its size), the chunks on their way and Parquet's pages, and
// without a limit the collector lets the heap grow to twice what is live
// before it collects. 16 MiB are left for the program itself.
func MemoryLimit(sources []Source) int64 {
	return 3*Budget(sources) - 16<<20
}

// Largest is the size of the largest source.
func Largest(sources []Source) int64 {
	var n int64
	for _, s := range sources {
		n = max(n, s.Size)
	}
	return n
}

// minBudget is the least of record bytes let in at once: small files are
// loaded on every core.
const minBudget = 64 << 20

// job is one source on its way through: loaded by a worker, its rows made
// in chunks, written in input order.
type job struct {
	src    Source
	weight int64
	chunks chan chunk // closed when the source is done
	err    error      // set before chunks is closed
	recs   int
}

// Export writes the table's rows of every source to w. Sources are loaded
// on every core, a few at a time, and a big record's rows are made on every
// core too; what reaches w is in input order, the same on every run.
// Memory is bounded by the records in flight: never more record bytes than
// the largest source (or 64 MiB) at once. A source that cannot be read or
// loaded is told to o.Bad and skipped. The error is w's, or ctx's.
func Export(ctx context.Context, w io.Writer, sources []Source, o Options) (Stats, error) {
	t := o.Table
	if t == nil {
		t = Streams
	}
	format := o.Format
	if format == "" {
		format = NDJSON
	}
	enc, err := newEncoder(format, w, t, o)
	if err != nil {
		return Stats{}, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	budget := Budget(sources)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	free := newChunkPool(enc, 4*runtime.GOMAXPROCS(0)+2*workers)
	bufs := &bufPool{budget: budget}
	for _, s := range sources {
		if !isGzip(s.Path) { // a gzip file's size is its own word for it
			bufs.largest = max(bufs.largest, s.Size)
		}
	}
	sem := newWeighted(budget)
	jobs := make(chan *job, len(sources)) // in order, to the writer
	todo := make(chan *job, workers)      // to the workers
	go func() {                           // admits sources in input order: no deadlock on the budget
		defer close(todo)
		defer close(jobs)
		for _, s := range sources {
			j := &job{src: s, chunks: make(chan chunk, 2), weight: min(max(s.Size, 1), budget)}
			if s.Path == "-" || s.Size == 0 {
				j.weight = budget // unknown size: alone
			}
			if !sem.acquire(ctx, j.weight) {
				return
			}
			jobs <- j
			select {
			case todo <- j:
			case <-ctx.Done():
				j.err = ctx.Err()
				close(j.chunks) // the writer waits for it
				sem.release(j.weight)
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range todo {
				j.err = run(ctx, j, t, o.Stdin, free, bufs)
				close(j.chunks)
				// Its rows are made, and chunks hold no part of a record:
				// the next source may load while they are written.
				sem.release(j.weight)
			}
		})
	}
	defer wg.Wait()

	var st Stats
	if err := enc.begin(); err != nil {
		return st, err
	}
	var werr error
	for j := range jobs {
		for c := range j.chunks {
			if werr == nil && ctx.Err() == nil {
				werr = enc.write(c)
				st.Rows += c.rows()
			}
			free.put(c)
		}
		if werr != nil {
			cancel()
			continue
		}
		switch {
		case j.src.Err != nil || j.err != nil && ctx.Err() == nil:
			st.Bad++
			if o.Bad != nil {
				o.Bad(errors.Join(j.src.Err, j.err))
			}
		case j.err == nil:
			st.Files++
			st.Records += j.recs
		}
	}
	if werr != nil {
		return st, werr
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	return st, enc.end()
}

// run loads one source and sends its rows, in chunks, in order.
func run(ctx context.Context, j *job, t *Table, stdin io.Reader, free *chunkPool, bufs *bufPool) (err error) {
	if j.src.Err != nil {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: callscope failed on this file (%v); please report it, with the file if you can: %s", j.src.Path, r, firstLine(debug.Stack()))
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	lim := load.Limits{NoFindings: !t.findings}
	b, err := lim.ReadSourceInto(j.src.Path, stdin, bufs.get(j.src.Size))
	if err != nil {
		return err
	}
	f, err := lim.Load(j.src.Path, b)
	if err != nil {
		return err // its text may be a view of b: b is not reused
	}
	for _, r := range f.Records {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := &Call{File: f, Record: r, Names: r.Names()}
		emitRecord(ctx, c, t, free, j.chunks)
		j.recs++
	}
	if err := ctx.Err(); err != nil {
		return err // a lane may still be reading the record
	}
	bufs.put(b) // every row is made, and copied out of the record
	return nil
}

// bufPool keeps the buffer a source was read into for the next source:
// a fresh buffer of 100 MB costs more in faulted-in pages than reading
// the file into it. It keeps one, and a buffer too small for the next
// source is dropped, not kept beside a new one.
type bufPool struct {
	budget  int64
	largest int64 // the largest plain file's size
	mu      sync.Mutex
	buf     []byte
}

// get is a buffer for a source of size bytes and one more (a file that
// grew meanwhile): the kept one if it is big enough, else for a big source
// a new one that fits the largest plain file, so that it serves those after
// it too, else nil (the read allocates what the bytes take).
func (p *bufPool) get(size int64) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.buf
	p.buf = nil
	switch {
	case int64(cap(b)) > size:
		return b
	case size > p.budget/2 && size <= p.largest: // no other source this big is in flight
		return make([]byte, 0, p.largest+1)
	}
	return nil
}

// put keeps b, or the bigger of it and the kept one.
func (p *bufPool) put(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cap(b) > cap(p.buf) {
		p.buf = b[:0]
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// rowsPerChunk makes chunks of a few hundred rows: big enough to be
// cheap to hand over, small enough that a big meeting's rows are shared
// between the cores and held only a few at a time.
const rowsPerChunk = 256

// emitRecord makes a record's rows in chunks and sends them in order. A
// big record's chunks are made on every core: worker g makes chunks g,
// g+P, g+2P, … and they are collected round the workers in turn.
func emitRecord(ctx context.Context, c *Call, t *Table, free *chunkPool, out chan<- chunk) {
	n := t.units(c)
	if n == 0 {
		return
	}
	per := max(1, rowsPerChunk*n/max(1, estimateRows(c, t, n)))
	nchunks := (n + per - 1) / per
	workers := min(runtime.GOMAXPROCS(0), nchunks)
	if workers == 1 {
		row := make([]Value, len(t.Columns))
		for lo := 0; lo < n && ctx.Err() == nil; lo += per {
			ch := free.get()
			t.rows(c, lo, min(lo+per, n), row, ch.add)
			out <- ch
		}
		return
	}
	lanes := make([]chan chunk, workers)
	done := make(chan struct{})
	defer close(done)
	for g := range lanes {
		lanes[g] = make(chan chunk, 1)
		go func() {
			defer close(lanes[g])
			row := make([]Value, len(t.Columns))
			for k := g; k < nchunks; k += workers {
				ch := free.get()
				lo := k * per
				t.rows(c, lo, min(lo+per, n), row, ch.add)
				select {
				case lanes[g] <- ch:
				case <-done:
					free.put(ch)
					return
				}
			}
		}()
	}
	for k := range nchunks {
		ch, ok := <-lanes[k%workers]
		if !ok || ctx.Err() != nil {
			if ok {
				free.put(ch)
			}
			return
		}
		out <- ch
	}
}

// estimateRows guesses a record's rows from its units without making them.
func estimateRows(c *Call, t *Table, n int) int {
	if t.rowsOf == nil {
		return n
	}
	return max(n, t.rowsOf(c))
}

// chunkPool keeps chunks for reuse. It need not bound them: the channels
// between the stages do (a few per worker and lane).
type chunkPool struct {
	enc  encoder
	free chan chunk
}

func newChunkPool(e encoder, n int) *chunkPool {
	return &chunkPool{enc: e, free: make(chan chunk, n)}
}

func (p *chunkPool) get() chunk {
	select {
	case c := <-p.free:
		return c
	default:
		return p.enc.newChunk()
	}
}

func (p *chunkPool) put(c chunk) {
	c.reset()
	select {
	case p.free <- c:
	default:
	}
}

// weighted is a semaphore of bytes.
type weighted struct {
	mu    sync.Mutex
	cond  *sync.Cond
	left  int64
	alive bool
}

func newWeighted(n int64) *weighted {
	w := &weighted{left: n, alive: true}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// acquire waits for n bytes, or returns false when ctx ends first.
func (w *weighted) acquire(ctx context.Context, n int64) bool {
	stop := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.alive = false
		w.mu.Unlock()
		w.cond.Broadcast()
	})
	defer stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.left < n && w.alive {
		w.cond.Wait()
	}
	if !w.alive {
		return false
	}
	w.left -= n
	return true
}

func (w *weighted) release(n int64) {
	w.mu.Lock()
	w.left += n
	w.mu.Unlock()
	w.cond.Broadcast()
}
