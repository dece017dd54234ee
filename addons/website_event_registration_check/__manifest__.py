{
    "name": "Website Event Registration Check",
    "summary": "Event registrations posted to the website are checked first: closed events, foreign ticket, slot and "
               "question ids, other people's partners, malformed numbers and oversized answers get a 4xx, never a 500",
    "version": "19.0.1.0.0",
    "category": "Marketing/Events",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_event"],
    "installable": True,
}
