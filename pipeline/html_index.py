"""``annotations.html``, the index of the annotation pages: totals, page ranges, and a record-id finder.

Record ids need not be sorted, so a page's first and last id do not tell
where a record is. The index therefore carries every id (a JSON array inline,
``<`` written as ``\\u003c`` so no id can close the script element) and a few
lines of JavaScript that list the ids containing what is typed, each linked to
its page and anchor (``annotations.html#find=TEXT`` opens with that search
done, so a search can be linked). 100 000 ids add about 2 MB to the index, nothing to the
pages.
"""
from __future__ import annotations

import json
from html import escape
from typing import Callable, List, Sequence, Tuple

FINDER_JS = """
(function(){
  var data=document.getElementById('gunji-ids');
  var ids=JSON.parse(data.textContent), size=Number(data.getAttribute('data-page-size'));
  var box=document.getElementById('find'), out=document.getElementById('found');
  function href(i){var n=String(Math.floor(i/size)+1);while(n.length<4){n='0'+n;}
    return 'annotations-'+n+'.html#r'+(i+1);}
  box.addEventListener('input',function(){
    var q=box.value.trim(), shown=0;
    while(out.firstChild){out.removeChild(out.firstChild);}
    if(!q){return;}
    for(var i=0;i<ids.length&&shown<50;i++){
      if(ids[i].indexOf(q)!==-1){
        var li=document.createElement('li'), a=document.createElement('a');
        a.href=href(i); a.textContent=ids[i]; li.appendChild(a); out.appendChild(li); shown++;
      }
    }
    if(!shown){var none=document.createElement('li'); none.textContent='no record id contains '+q;
      out.appendChild(none);}
  });
  var asked=location.hash.match(/^#find=(.*)$/);  // annotations.html#find=ID opens with the search done
  if(asked){box.value=decodeURIComponent(asked[1]); box.dispatchEvent(new Event('input'));}
})();
"""


def ids_json(ids: Sequence[str]) -> str:
    """The ids as JSON that is safe inside a ``<script>`` element."""
    return json.dumps(list(ids), ensure_ascii=False).replace("<", "\\u003c")


def index_body(summaries: List[Tuple[str, str, int, int, int]], ids: Sequence[str], page_size: int,
               page_name: Callable[[int], str]) -> str:
    """The index page's body: totals, one row per page, and the id finder.

    Args:
        summaries: Per page (first id, last id, records, spans, facts).
        ids: Every record id in batch order (position i is on page i // page_size + 1, anchor ``r{i+1}``).
        page_size (int): Records per page.
        page_name: Page number -> file name.
    """
    rows = "".join(f'<tr><td><a href="{page_name(n)}">page {n}</a></td><td>{escape(first)}</td>'
                   f"<td>{escape(last)}</td><td>{count}</td><td>{spans}</td><td>{facts}</td></tr>"
                   for n, (first, last, count, spans, facts) in enumerate(summaries, 1))
    spans_total = sum(s[3] for s in summaries)
    facts_total = sum(s[4] for s in summaries)
    body = (f"<h1>gunji annotations</h1><p>{len(ids)} records, {spans_total} spans, {facts_total} facts, "
            f"{len(summaries)} page(s) of up to {page_size} records.</p>")
    if not rows:
        return body + '<p class="muted">This batch has no records.</p>'
    body += ('<p><label>Find a record id: <input id="find" type="search" size="30" autocomplete="off"></label></p>'
             '<ul id="found"></ul>'
             f'<script type="application/json" id="gunji-ids" data-page-size="{page_size}">{ids_json(ids)}</script>'
             f"<script>{FINDER_JS}</script>")
    return body + ("<table><thead><tr><th>page</th><th>first id</th><th>last id</th><th>records</th>"
                   f"<th>spans</th><th>facts</th></tr></thead><tbody>{rows}</tbody></table>")
