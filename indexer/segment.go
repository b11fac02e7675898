package indexer

import (
	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/kensaku/kensaku/indexer/internal/zap"
)

func init() {
	scorch.RegisterSegmentPlugin(&zap.ZapPlugin{}, false)
}

// segmentConfig adds to a Scorch configuration the segment format
// kensaku writes: its own copy of zap (package indexer/internal/zap).
// Scorch records the format in the index and opens an existing index
// with the format it was written in.
func segmentConfig(config map[string]any) map[string]any {
	config["forceSegmentType"] = zap.Type
	config["forceSegmentVersion"] = int(zap.Version)
	return config
}

// PostingsChunk returns the number of document numbers per chunk of a
// posting list of n documents in seg, as the segment format computes it,
// or 0 when seg is not one of kensaku's segments or its chunk mode is
// not known. Readers use it to skip whole chunks (see SkipToChunk).
func PostingsChunk(seg segment.Segment, n uint64) uint64 {
	var mode uint32
	var docs uint64
	switch zs := seg.(type) {
	case *zap.Segment: // on disk
		mode, docs = zs.ChunkMode(), zs.NumDocs()
	case *zap.SegmentBase: // in memory, made with the default mode
		mode, docs = zap.DefaultChunkMode, zs.Count()
	default:
		return 0
	}
	return zap.ChunkSize(mode, n, docs)
}

// PostingsBitmap returns the bitmap of the documents of pl, a posting
// list of one of kensaku's segments, to be read only (deleted documents
// included, as its OrInto adds them), or nil when it keeps none (a list of
// one document) or is of any other segment.
func PostingsBitmap(pl segment.PostingsList) *roaring.Bitmap {
	if zl, ok := pl.(*zap.PostingsList); ok {
		return zl.Bitmap()
	}
	return nil
}

// SkipToChunk moves the document bitmap iterator of it, a posting
// iterator of one of kensaku's segments, to first, the first document
// number of a chunk (see PostingsChunk), so that its Advance skips the
// chunks in between rather than reading each document's frequency in
// them. Within the current chunk the bitmap iterator is already past
// first and does not move. It does nothing to any other iterator.
func SkipToChunk(it segment.PostingsIterator, first uint64) {
	if zi, ok := it.(*zap.PostingsIterator); ok {
		zi.SkipTo(uint32(first))
	}
}
