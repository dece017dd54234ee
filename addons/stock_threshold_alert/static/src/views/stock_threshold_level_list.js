import { onWillDestroy } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";

const RELOAD_DELAY = 500;

/** Reloads the stock level list when the server says that stock moved, so a watcher never needs F5. */
export class StockThresholdLevelListController extends ListController {
    setup() {
        super.setup();
        const busService = useService("bus_service");
        // The list on screen reloads itself (its domain, page and order), not the model: a model reload started
        // while a new search is still loading would use the previous search's domain and win over it.
        this.reloadDebounced = useDebounced(() => this.model.root.load(), RELOAD_DELAY);
        this.onLevelsChanged = () => this.reloadDebounced();
        busService.subscribe("stock_threshold_alert/levels", this.onLevelsChanged);
        onWillDestroy(() => busService.unsubscribe("stock_threshold_alert/levels", this.onLevelsChanged));
    }
}

registry.category("views").add("stock_threshold_level_list", {
    ...listView,
    Controller: StockThresholdLevelListController,
});
