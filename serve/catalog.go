package serve

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// item is one record the picker offers: a file under --records, or a call
// listed by Graph.
type item struct {
	graph   bool
	logs    bool   // the PSTN and Direct Routing logs' entry
	id      string // from the archive's file name or Graph's list; "" when unknown
	version int64  // -1: unknown
	when    time.Time
	dated   bool   // when is the call's start (Graph, the record's own startDateTime, or the archive's date folder); else the file's time
	started bool   // a file's when is its record's startDateTime, to the minute
	rel     string // file: path under --records
	path    string // file: absolute path
	size    int64
	stamp   string // file: size and time; Graph: version
	// From Graph's list, pseudonymised for specialists like the records:
	kind, modalities, organizer string
	length                      time.Duration // -1: unknown
}

// maxItems bounds the picker: the newest files of a big archive (a call
// id typed by hand finds the older ones too).
var maxItems = 10_000

// catalog lists what the picker offers, shared by every session: the
// folder is walked at most every dirTTL, Graph's list asked at most every
// listTTL per role.
type catalog struct {
	dir     string
	dirTTL  time.Duration
	listTTL time.Duration
	since   time.Duration // Graph's list covers the calls that started this long ago
	graph   func() *GraphClient
	base    context.Context
	now     func() time.Time

	mu       sync.Mutex
	files    []item          // the newest maxItems, newest first
	ids      map[string]item // every file whose id is known, newest version, by id in lower case
	heads    map[string]head // files not named in the archive's layout, by path: read again when their stamp changes
	filesAt  time.Time
	filesErr error
	lists    map[Role]listed
	logs     map[Role]logged

	flights flights
	walk    func(dir string) ([]item, error) // scanRecords; tests slow it
}

type listed struct {
	items []item
	at    time.Time
}

type logged struct {
	table *logTable
	at    time.Time
}

// files is the folder's records, newest first.
func (c *catalog) fileItems() ([]item, error) {
	if c.dir == "" {
		return nil, nil
	}
	c.scan()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files, c.filesErr
}

// scan walks the folder again when the last walk is older than dirTTL:
// once, however many sessions ask meanwhile, and without c.mu, which
// Graph's lists and logs need while a big folder's first walk takes
// seconds.
func (c *catalog) scan() {
	c.mu.Lock()
	fresh := !c.filesAt.IsZero() && c.now().Sub(c.filesAt) < c.dirTTL
	old := c.heads
	c.mu.Unlock()
	if fresh {
		return
	}
	walk := c.walk
	if walk == nil {
		walk = scanRecords
	}
	c.flights.do(context.Background(), context.Background(), "files", nil, func(context.Context, func(string)) (any, error) {
		all, err := walk(c.dir)
		heads := addHeads(all, old)
		slices.SortStableFunc(all, newestFirst)
		ids := map[string]item{}
		for _, it := range all {
			k := strings.ToLower(it.id)
			if best, seen := ids[k]; it.id != "" && (!seen || it.version > best.version) {
				ids[k] = it
			}
		}
		c.mu.Lock()
		c.filesAt, c.filesErr, c.heads, c.ids = c.now(), err, heads, ids
		c.files = all[:min(len(all), maxItems):min(len(all), maxItems)]
		c.mu.Unlock()
		return nil, nil
	})
}

// addHeads gives the files not named in the archive's layout the id,
// version and start of the record they hold: from old when the file's
// size and time are the same, else read (readHead). It returns the heads
// of the files present now, for the next walk.
func addHeads(all []item, old map[string]head) map[string]head {
	now := make(map[string]head)
	for i := range all {
		it := &all[i]
		if it.id != "" {
			continue // the archive's name says it
		}
		h, ok := old[it.path]
		if !ok || h.stamp != it.stamp {
			h = readHead(it.path, it.size)
			h.stamp = it.stamp
		}
		now[it.path] = h
		if h.id != "" {
			it.id, it.version = h.id, h.version
		}
		if !h.start.IsZero() {
			it.when, it.dated, it.started = h.start, true, true
		}
	}
	return now
}

// byID is the newest version of a record the folder holds, by its
// archive file name or, for other files, the id inside (any of them, not
// only the newest maxItems).
func (c *catalog) byID(id string) (item, bool) {
	if c.dir == "" {
		return item{}, false
	}
	c.scan()
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.ids[strings.ToLower(id)]
	return it, ok
}

// scanRecords walks dir for .json and .json.gz files, newest first: by the
// archive's date folder (DIR/<date>/<id>.v<version>.json.gz) when there is
// one, else by the file's time.
func scanRecords(dir string) ([]item, error) {
	var out []item
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subfolder: skip it, keep the rest
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		lower := strings.ToLower(name)
		if d.IsDir() || !d.Type().IsRegular() || !(strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".json.gz")) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		it := item{path: p, rel: rel, size: fi.Size(), when: fi.ModTime().UTC(), version: -1, length: -1,
			stamp: fileStamp(fi.Size(), fi.ModTime())}
		if id, v, ok := archiveName(name); ok {
			it.id, it.version = id, v
			if day, err := time.Parse("2006-01-02", filepath.Base(filepath.Dir(p))); err == nil {
				it.when, it.dated = day, true
			}
		}
		out = append(out, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, newestFirst)
	return out, nil
}

func newestFirst(a, b item) int {
	if c := b.when.Compare(a.when); c != 0 {
		return c
	}
	return strings.Compare(a.rel, b.rel)
}

func fileStamp(size int64, mtime time.Time) string {
	return strconv.FormatInt(size, 10) + "@" + strconv.FormatInt(mtime.UnixNano(), 10)
}

func versionStamp(v int64) string {
	if v < 0 {
		return "v?"
	}
	return "v" + strconv.FormatInt(v, 10)
}

// graphItems is Graph's list of recent calls as role sees it: for a
// specialist the list is pseudonymised before it is read, as records are.
func (c *catalog) graphItems(ctx context.Context, role Role) ([]item, error) {
	if c.graph == nil {
		return nil, nil
	}
	c.mu.Lock()
	if l, ok := c.lists[role]; ok && c.now().Sub(l.at) < c.listTTL {
		c.mu.Unlock()
		return l.items, nil
	}
	c.mu.Unlock()
	v, err := c.flights.do(ctx, c.base, "list\x00"+string(role), nil, func(ctx context.Context, _ func(string)) (any, error) {
		now := c.now()
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		raw, err := listRecords(ctx, c.graph(), now.Add(-c.since), now)
		if err != nil {
			return nil, err
		}
		if role == Specialist {
			if raw, err = redactRecord("call record list", raw); err != nil {
				return nil, err
			}
		}
		items, err := listItems(raw)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.lists == nil {
			c.lists = map[Role]listed{}
		}
		c.lists[role] = listed{items, now}
		c.mu.Unlock()
		return items, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]item), nil
}

// listItems reads a Graph list; an empty list is no error.
func listItems(raw []byte) ([]item, error) {
	f, err := loadRecord("call record list", raw)
	if err != nil {
		if strings.Contains(err.Error(), "empty") || strings.Contains(err.Error(), "no call records") {
			return nil, nil
		}
		return nil, err
	}
	out := make([]item, 0, len(f.Records))
	for _, r := range f.Records {
		v := recordVersion(r)
		out = append(out, item{graph: true, id: r.ID, version: v, when: r.Start, dated: true,
			stamp: versionStamp(v), kind: r.Type, modalities: strings.Join(r.Modalities, ","),
			organizer: organizerName(r), length: recordDuration(r)})
	}
	slices.SortStableFunc(out, func(a, b item) int { return b.when.Compare(a.when) })
	return out, nil
}

// logSpan is how far back the logs' entry goes: as the list, within maxLogSpan.
func (c *catalog) logSpan() time.Duration { return min(c.since, maxLogSpan) }

// callLogs is Graph's PSTN and Direct Routing logs of the last logSpan, as
// role sees them (pseudonymised for a specialist before they are read),
// asked at most every listTTL per role and once for sessions asking at
// the same time.
func (c *catalog) callLogs(ctx context.Context, role Role) (*logTable, error) {
	if c.graph == nil {
		return nil, errors.New("the server has no Graph credentials")
	}
	c.mu.Lock()
	if l, ok := c.logs[role]; ok && c.now().Sub(l.at) < c.listTTL {
		c.mu.Unlock()
		return l.table, nil
	}
	c.mu.Unlock()
	v, err := c.flights.do(ctx, c.base, "logs\x00"+string(role), nil, func(ctx context.Context, _ func(string)) (any, error) {
		now := c.now()
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		t, err := fetchCallLogs(ctx, c.graph(), now.Add(-c.logSpan()), now, role == Specialist)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.logs == nil {
			c.logs = map[Role]logged{}
		}
		c.logs[role] = logged{t, now}
		c.mu.Unlock()
		return t, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*logTable), nil
}
