from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..lib.search_text import parse_synonyms


class ShoeSearchSynonym(models.Model):
    _name = "shoe.search.synonym"
    _inherit = ["shoe.cached.mixin"]
    _description = "Shop search synonyms"
    _order = "name"

    name = fields.Char(
        "Synonyms",
        required=True,
        help="Words that find each other in the shop search, separated by commas: sneaker, trainer, basket.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("name")
    def _check_name(self):
        for synonym in self:
            if len(parse_synonyms(synonym.name)) < 2:
                raise ValidationError(
                    self.env._("A synonym line needs at least two words separated by commas, e.g. sneaker, trainer.")
                )

    @api.model
    @tools.ormcache()
    def _get_groups(self):
        """Normalised synonym groups, cached: the shop search reads them on every request."""
        lines = self.sudo().search_fetch([], ["name"])
        return tuple(group for group in (parse_synonyms(line.name) for line in lines) if len(group) > 1)
