"""Quality gates over a built site: each module runs one outside tool and returns findings that name the page."""
