package pack

import (
	"maps"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// An external PDF that both packs hold (a public appendix is in the
// public pack and the exempt pack) is copied by two copiers, one a pack,
// from one parse. What a copier works out from the file alone, the same
// in either pack, is worked out once and kept with the file (its
// source) for the other: whether each stream it copies as stored
// decompresses within the budget, and each page's content filtered to
// what a viewer draws. Nothing is kept across files: each file is read
// afresh, however many items name the same path.
//
// Only what does not depend on the copier's state is kept, and it is
// used only where the copier is in the state it was worked out in: the
// inflate budget a result used is taken from the copier's budget, and a
// copier with less left than that works it out again (so that it fails
// at the object it would have failed at); a page's content is reused
// only by a copier that has read nothing of that page yet.

// reuse is what the copiers of one source have worked out for the
// others. It is used only with the source's lock held (part.open).
type reuse struct {
	streams map[int]checkedStream // by object number
	pages   map[int]*pageCopy     // by the page's object number
}

// checkedStream is checkStream's result for one stream and what reading
// it took of the budget.
type checkedStream struct {
	data     []byte
	inflated int64
}

// pageCopy is a page's content as copied (compressed), the resources it
// uses, what reading it took of the budget, and the MCIDs it holds.
type pageCopy struct {
	content  []byte
	used     usage
	inflated int64
	maxMCID  int
	hasMax   bool
	kept     map[int]bool
}

// checkStreamShared is checkStream, reusing another copier's check of
// the same stream of the same file.
func (c *copier) checkStreamShared(sd types.StreamDict, n int) ([]byte, error) {
	if c.shared == nil || c.own {
		return c.checkStream(sd, n)
	}
	if s, ok := c.shared.streams[n]; ok && s.inflated <= c.budget {
		c.budget -= s.inflated
		return s.data, nil
	}
	before := c.budget
	data, err := c.checkStream(sd, n)
	if err == nil {
		if c.shared.streams == nil {
			c.shared.streams = map[int]checkedStream{}
		}
		c.shared.streams[n] = checkedStream{data: data, inflated: before - c.budget}
	}
	return data, err
}

// pageContentShared is the content of page sp (source object number n)
// and the resources it uses, as pageContent copies an external file's
// page, reusing another copier's reading of the same page.
func (c *copier) pageContentShared(sp srcPage, sc scope) ([]byte, types.Dict, error) {
	if c.shared == nil {
		c.shared = &reuse{} // a copier of no source's: nothing to share
	}
	n := sp.n
	_, seen := c.maxMCID[n]
	fresh := !seen && c.kept[n] == nil
	if pc, ok := c.shared.pages[n]; ok && fresh && pc.inflated <= c.budget {
		c.budget -= pc.inflated
		if pc.hasMax {
			c.maxMCID[n] = pc.maxMCID
		}
		if pc.kept != nil {
			c.kept[n] = maps.Clone(pc.kept)
		}
		return pc.content, c.resources(sc, pc.used, 0), nil
	}
	before := c.budget
	var data []byte
	for _, e := range c.contentStreams(sp) {
		b, ok, err := c.contentAt(e)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			data = append(append(data, b...), '\n')
		}
	}
	content, used := c.filterContent(data, sc, true)
	if fresh {
		pc := &pageCopy{content: content, used: used, inflated: before - c.budget}
		pc.maxMCID, pc.hasMax = c.maxMCID[n]
		if k := c.kept[n]; k != nil {
			pc.kept = maps.Clone(k)
		}
		if c.shared.pages == nil {
			c.shared.pages = map[int]*pageCopy{}
		}
		c.shared.pages[n] = pc
	}
	return content, c.resources(sc, used, 0), nil
}
