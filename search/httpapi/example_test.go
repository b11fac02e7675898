package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

func ExampleNew() {
	h := httpapi.New(httpapitest.Fake(), httpapi.Options{})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=SSA&size=1&filter=kind:caption", nil))
	var res search.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, res.Total, res.Expansions[0].Equivalents)
	fmt.Println(res.Hits[0].Highlights[0])

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=SSA&size=1000", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 200 1 [宇宙状況監視 Space Situational Awareness]
	// <mark>SSA</mark>システムの概念図
	// 400 {"error":"parameter size=1000 exceeds the limit of 100"}
}

func ExampleSwapper() {
	v1 := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		return &search.Result{Query: "v1: " + req.Query}, nil
	})
	v2 := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		return &search.Result{Query: "v2: " + req.Query}, nil
	})
	sw := httpapi.NewSwapper(v1, nil, nil)
	defer sw.Close()
	h := httpapi.New(sw, httpapi.Options{}) // serves whichever searcher is current

	for range 2 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=SSA", nil))
		var res search.Result
		_ = json.Unmarshal(rec.Body.Bytes(), &res)
		fmt.Println(res.Query)
		sw.Swap(v2, nil) // e.g. on SIGHUP, after reopening the index
	}
	// Output:
	// v1: SSA
	// v2: SSA
}
